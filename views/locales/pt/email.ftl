## E-mails: partes comuns.

email-greeting = Olá { $name },
email-greeting-anonymous = Olá,
email-signature = { $name }
email-automated = Este e-mail foi enviado automaticamente pelo portal de clientes. As respostas não são lidas.

## Link de reposição da palavra-passe.

email-reset-subject = Reposição da palavra-passe do portal { $tenant }
email-reset-intro = Recebemos um pedido, provavelmente seu, para repor a palavra-passe da sua conta no portal de clientes { $tenant }.
email-reset-action = Definir uma nova palavra-passe
email-reset-expiry = O link só pode ser usado uma vez e expira dentro de { $minutes } minutos.
email-reset-ignore = Se não fez este pedido, ignore este e-mail: a sua palavra-passe mantém-se.

## Aviso de que uma palavra-passe foi alterada.

email-changed-subject = A sua palavra-passe do portal { $tenant } foi alterada
email-changed-body = A palavra-passe da sua conta no portal de clientes { $tenant } foi alterada em { $when }.
email-changed-ip = A alteração foi feita a partir do endereço IP { $ip }.
email-changed-signed-out = Todas as sessões da sua conta foram terminadas.
email-changed-not-you = Se não fez esta alteração, peça de imediato uma nova reposição da palavra-passe através do link abaixo e informe { $tenant }.
email-changed-action = Repor a minha palavra-passe

## Encontrar a sua organização: os links de início de sessão de todas as organizações com uma conta.

email-discovery-subject = Os seus links de início de sessão no portal de clientes
email-discovery-intro = Perguntou em que portais de clientes o endereço { $email } pode iniciar sessão. Eis os respetivos links de início de sessão:
email-discovery-ignore = Se não fez este pedido, pode ignorar este e-mail.

## Convite para configurar uma conta.

email-invitation-subject = Convite para o portal de clientes { $tenant }
email-invitation-intro = { $tenant } envia-lhe um convite para o seu portal de clientes, onde pode acompanhar os seus tickets, projetos e faturas.
email-invitation-action = Configurar a minha conta
email-invitation-expiry = O link só pode ser usado uma vez e expira em { $when }.
email-invitation-ignore = Se não esperava este convite, ignore este e-mail.

## Para os administradores de uma empresa: um colega pediu a eliminação da respetiva conta do portal.

email-deletion-subject = { $who } pediu a eliminação da respetiva conta do portal
email-deletion-body = Em { $when }, { $who } pediu a { $tenant }, através da página de perfil, que eliminasse a respetiva conta do portal.
email-deletion-next = { $tenant } vai analisar o pedido e tratar do assunto. Até lá, a conta mantém-se como está; pode desativá-la de imediato nas definições da sua empresa.
email-deletion-action = Abrir a página desta pessoa nas definições da empresa
