## O segundo passo do início de sessão.

two-factor-title = Verificação de dois fatores
two-factor-heading = Olá { $name }, confirme a sua identidade
two-factor-intro = Introduza o código de seis dígitos da sua aplicação de autenticação.
two-factor-code-label = Código
two-factor-code-hint = Perdeu o dispositivo? Introduza antes um dos seus códigos de recuperação.
two-factor-submit = Verificar

## Ativação (no início de sessão, quando exigida, ou a partir da página Segurança).

two-factor-enroll-title = Configurar a autenticação de dois fatores
two-factor-enroll-heading = Configurar a autenticação de dois fatores
two-factor-enroll-required = A sua organização exige a autenticação de dois fatores. Configure-a para continuar.
two-factor-enroll-step-scan = 1. Leia este código QR com uma aplicação de autenticação (por exemplo, Google Authenticator, Microsoft Authenticator ou 1Password).
two-factor-enroll-qr-label = Código QR para a sua aplicação de autenticação
two-factor-enroll-secret-label = Não consegue ler o código? Introduza antes esta chave:
two-factor-enroll-step-confirm = 2. Introduza o código de seis dígitos apresentado pela aplicação para confirmar.
two-factor-enroll-submit = Ativar a autenticação de dois fatores

## Códigos de recuperação, mostrados uma única vez.

two-factor-codes-title = Os seus códigos de recuperação
two-factor-codes-heading = Guarde os seus códigos de recuperação
two-factor-codes-intro = Cada código permite iniciar sessão uma vez se perder a sua aplicação de autenticação. Guarde-os num local seguro: não voltarão a ser mostrados.
two-factor-codes-continue = Já os guardei, continuar

## Falhas.

two-factor-error-invalid = Esse código não é válido. Verifique a hora do seu dispositivo e tente novamente.
two-factor-error-replay = Esse código já foi usado. Aguarde pelo código seguinte e tente novamente.
two-factor-error-expired = O seu início de sessão demorou demasiado tempo ou já foi concluído.
two-factor-error-setup-expired = Esta configuração expirou. Leia o novo código abaixo e introduza o código que a aplicação apresentar.
two-factor-error-csrf = O formulário expirou. Tente novamente.
two-factor-error-unavailable = A verificação de dois fatores está temporariamente indisponível. Tente novamente daqui a pouco.
two-factor-expired-heading = Inicie sessão novamente
two-factor-expired-body = Por motivos de segurança, o segundo passo do início de sessão tem de ser concluído poucos minutos após o primeiro.
two-factor-expired-link = Ir para o início de sessão
two-factor-error-throttled = { $minutes ->
    [one] Demasiadas tentativas de início de sessão falhadas; tente novamente dentro de { $minutes } minuto.
   *[other] Demasiadas tentativas de início de sessão falhadas; tente novamente dentro de { $minutes } minutos.
}
