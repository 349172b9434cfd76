## Página de início de sessão.

signin-title = Iniciar sessão
signin-heading = Iniciar sessão em { $name }
signin-intro = Use o endereço de e-mail e a palavra-passe da sua conta de cliente.
signin-email-label = Endereço de e-mail
signin-password-label = Palavra-passe
signin-submit = Iniciar sessão

## Falhas de início de sessão, mostradas num alerta acima do formulário.

signin-error-invalid-credentials = E-mail ou palavra-passe inválidos
signin-error-access-denied = Acesso negado. Este portal destina-se apenas a contas de clientes; a equipa do MSP inicia sessão na aplicação do MSP.
signin-error-missing-fields = Introduza o seu e-mail e a sua palavra-passe.
signin-error-csrf-failed = O formulário de início de sessão expirou. Tente novamente.
signin-error-unavailable = O início de sessão está temporariamente indisponível. Tente novamente daqui a pouco.
signin-error-throttled = { $minutes ->
    [one] Demasiadas tentativas de início de sessão falhadas; tente novamente dentro de { $minutes } minuto
   *[other] Demasiadas tentativas de início de sessão falhadas; tente novamente dentro de { $minutes } minutos
}
signin-error-sso-only = A sua organização inicia sessão através do respetivo fornecedor de identidade: use o botão acima.

## Avisos de início de sessão, mostrados como mensagem de estado acima do formulário.

signin-notice-signed-out = A sua sessão foi terminada.
signin-notice-session-expired = A sua sessão expirou. Inicie sessão novamente.
