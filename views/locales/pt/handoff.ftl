## A página do anfitrião canónico que encaminha o utilizador para o endereço próprio do portal da organização.

handoff-title = A iniciar sessão
handoff-heading = A iniciar sessão em { $name }
handoff-body = Aguarde um momento enquanto concluímos o início de sessão.
handoff-continue = Continuar
handoff-no-script = Se nada acontecer, selecione Continuar.

## Quando o encaminhamento não pode ser usado.

handoff-failed-title = Link de início de sessão inválido
handoff-failed-heading = Este link de início de sessão não pode ser usado
handoff-failed-expired = O link expirou ou já foi usado. Os links de início de sessão só funcionam uma vez, durante pouco tempo.
handoff-failed-domain = Este link de início de sessão foi criado para outro endereço.
handoff-failed-unavailable = Este endereço do portal ainda não está pronto para o início de sessão.
handoff-failed-dns = Este endereço do portal ainda não está configurado corretamente. Tente novamente mais tarde ou contacte o seu prestador de serviços.
handoff-failed-error = Algo correu mal ao iniciar a sessão. Tente novamente.
handoff-failed-link = Por motivos de segurança, este endereço não aceita links de início de sessão. Inicie sessão novamente para continuar.
handoff-failed-origin = Este início de sessão não veio da página de início de sessão, pelo que não foi aceite. Inicie sessão novamente para continuar.
handoff-failed-unfinished = Não foi possível concluir este início de sessão neste navegador. Inicie sessão novamente para continuar.
handoff-failed-retry = Iniciar sessão novamente
