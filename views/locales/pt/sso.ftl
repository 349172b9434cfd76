## Início de sessão único: os botões da página de início de sessão.

sso-sign-in-with = Iniciar sessão com { $provider }
sso-or-password = ou use o seu e-mail e a sua palavra-passe
sso-only-intro = A sua organização inicia sessão através do respetivo fornecedor de identidade.

## Quando um início de sessão através de um fornecedor de identidade falha.

sso-failed-title = Falha no início de sessão
sso-failed-heading = Não foi possível iniciar sessão com { $provider }
sso-failed-unreachable = Não foi possível contactar { $provider }. Tente novamente dentro de alguns minutos.
sso-failed-denied = O início de sessão foi cancelado em { $provider }, pelo que a sessão não foi iniciada.
sso-failed-state = Este início de sessão expirou ou já foi usado. Recomece a partir da página de início de sessão.
sso-failed-token = { $provider } enviou uma resposta que não foi possível verificar, pelo que a sessão não foi iniciada. Tente novamente; se o problema persistir, contacte o seu prestador de serviços.
sso-failed-no-email = { $provider } não partilhou o seu endereço de e-mail, de que precisamos para encontrar a sua conta.
sso-failed-unverified = { $provider } não verificou o seu endereço de e-mail. Verifique-o aí e tente novamente.
sso-failed-domain = O seu endereço de e-mail não é um dos que a sua organização autoriza para iniciar sessão com { $provider }.
sso-failed-no-user = Não existe nenhuma conta do portal para esta identidade de { $provider }. Peça um convite ao administrador do portal da sua empresa.
sso-failed-inactive = A sua conta do portal não está ativa. Contacte o seu prestador de serviços.
sso-failed-internal = Este início de sessão destina-se a clientes. As contas da equipa não podem usar o portal de clientes.
sso-failed-unknown-provider = Esta opção de início de sessão não está disponível para a sua organização.
sso-failed-unavailable = Algo correu mal ao iniciar a sessão. Tente novamente.
sso-failed-reference = Referência: { $reference }
sso-failed-retry = Voltar ao início de sessão
sso-failed-throttled = { $minutes ->
    [one] Houve demasiadas tentativas de início de sessão a partir da sua rede. Tente novamente dentro de { $minutes } minuto.
   *[other] Houve demasiadas tentativas de início de sessão a partir da sua rede. Tente novamente dentro de { $minutes } minutos.
}
