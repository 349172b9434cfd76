## Configuração da conta a partir de um convite.

setup-title = Configurar a sua conta
setup-heading = Configure a sua conta no portal { $name }
setup-who = Está a configurar a conta do portal de { $name } ({ $email }) em { $company }.
setup-role-admin = Terá a função de administrador no portal da sua empresa.
setup-role-finance = Tratará da faturação da sua empresa no portal.
setup-submit = Definir palavra-passe e iniciar sessão
setup-expired-heading = Este convite expirou
setup-expired-body = Os links de convite são válidos durante um período limitado. Peça um novo abaixo e será enviado para o endereço de e-mail convidado.
setup-used-heading = Este convite já foi usado
setup-used-body = A conta já foi configurada. Inicie sessão com o seu e-mail e a sua palavra-passe, ou reponha a palavra-passe se a tiver esquecido.
setup-invalid-heading = Este link de convite não funciona
setup-invalid-body = O link está incompleto ou foi substituído por um convite mais recente. Use o e-mail de convite mais recente ou peça ao administrador do portal da sua empresa que lhe envie um novo convite.
setup-request-new = Enviar-me um novo convite
setup-requested = Se for possível renovar o convite, será enviado um novo link para o endereço de e-mail convidado.
setup-sign-in = Ir para o início de sessão

## A secção de convites da página da empresa.

setup-invite-heading = Convidar pessoas
setup-invite-intro = Contactos da sua empresa que ainda não têm conta no portal. O convite envia-lhes por e-mail um link para definirem a palavra-passe; o link só funciona uma vez.
setup-invite-none = Todos os contactos da sua empresa têm conta no portal.
setup-invite-pending = Convidado, link válido até
setup-invite-send = Convidar
setup-invite-resend = Enviar um novo link
setup-invite-sent = Foi enviado um convite para { $email }.
setup-invite-name = Nome
setup-invite-email = E-mail
setup-invite-status = Estado
setup-invite-not-invited = Não convidado
