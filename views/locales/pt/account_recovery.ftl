## Partilhado pelos formulários de pedido por e-mail.

recovery-email-label = Endereço de e-mail
recovery-back-to-sign-in = Voltar ao início de sessão
recovery-forgot-link = Esqueceu-se da palavra-passe?
recovery-error-csrf = Este formulário expirou. Tente novamente.
recovery-error-email-missing = Introduza o seu endereço de e-mail.
recovery-error-too-many = Demasiados pedidos para este endereço ou a partir desta rede. Tente novamente mais tarde.
recovery-error-unavailable = Esta funcionalidade está temporariamente indisponível. Tente novamente daqui a pouco.

## Palavra-passe esquecida: pedir um link de reposição.

forgot-title = Repor a palavra-passe
forgot-heading = Repor a sua palavra-passe
forgot-intro = Introduza o endereço de e-mail da sua conta no portal de clientes { $name }. Enviar-lhe-emos por e-mail um link para escolher uma nova palavra-passe.
forgot-submit = Enviar-me um link de reposição
forgot-sent-title = Verifique o seu e-mail
forgot-sent-heading = Verifique o seu e-mail
forgot-sent-body = Se esse endereço pertencer a uma conta deste portal, enviámos-lhe um link para escolher uma nova palavra-passe. O link só pode ser usado uma vez e expira dentro de { $minutes } minutos.
forgot-sent-help = Não recebeu nada após alguns minutos? Verifique a pasta de spam, confirme que escreveu o endereço usado pela sua conta ou contacte o seu prestador de serviços.

## Definir uma nova palavra-passe a partir de um link de reposição.

reset-title = Escolher uma nova palavra-passe
reset-heading = Escolha uma nova palavra-passe para { $name }
reset-intro = A nova palavra-passe substitui a anterior e todas as sessões da sua conta são terminadas.
reset-password-label = Nova palavra-passe
reset-confirm-label = Repetir a nova palavra-passe
reset-hint = Pelo menos 12 caracteres. Algumas palavras sem relação entre si formam uma palavra-passe forte e fácil de memorizar.
reset-submit = Definir nova palavra-passe
reset-done-title = Palavra-passe alterada
reset-done-heading = A sua palavra-passe foi alterada
reset-done-body = A nova palavra-passe está definida e todas as sessões da sua conta foram terminadas. Inicie sessão com a nova palavra-passe.
reset-done-sign-in = Iniciar sessão
reset-invalid-title = Este link não pode ser usado
reset-invalid-heading = Este link não pode ser usado
reset-invalid-body = O link de reposição da palavra-passe expirou, já foi usado ou foi substituído por um mais recente. Peça um novo link para continuar.
reset-invalid-action = Pedir um novo link

## Motivos pelos quais uma nova palavra-passe foi recusada.


## Encontrar a sua organização: a página de início de sessão sem organização.

find-org-title = Encontrar a sua organização
find-org-heading = Encontrar o portal da sua organização
find-org-intro = Para iniciar sessão, use o link do portal que o seu prestador de serviços lhe forneceu. Não o encontra? Introduza o seu endereço de e-mail e enviar-lhe-emos os links de início de sessão de todas as organizações onde tem uma conta no portal de clientes.
find-org-submit = Enviar-me os links de início de sessão
find-org-help = Também pode pedir ao seu prestador de serviços que volte a enviar o link do portal.
find-org-sent-title = Verifique o seu e-mail
find-org-sent-heading = Verifique o seu e-mail
find-org-sent-body = Se esse endereço tiver contas no portal de clientes, enviámos-lhe os respetivos links de início de sessão.
