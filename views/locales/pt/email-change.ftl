## Perfil → Perfil: o cartão «Endereço de e-mail» (alterar o e-mail de início de sessão).

email-change-heading = Endereço de e-mail
email-change-current = E-mail de início de sessão
email-change-intro = Inicia sessão com este endereço e é para ele que o seu prestador de serviços lhe escreve. Para o alterar, introduza o novo endereço e a sua palavra-passe atual: enviaremos um link de confirmação para o novo endereço e avisaremos o atual. Nada muda até abrir o link.
email-change-new-email = Novo endereço de e-mail
email-change-current-password = Palavra-passe atual
email-change-submit = Enviar link de confirmação
email-change-sso-only = Inicia sessão através do fornecedor de identidade da sua organização, pelo que o seu endereço é gerido aí. Peça a alteração ao seu departamento de informática ou ao seu prestador de serviços.
email-change-pending = Confirmação enviada para { $email } — verifique a sua caixa de entrada. O link só pode ser usado uma vez, até { $when }. O seu e-mail de início de sessão continua a ser { $current } até abrir o link.
email-change-resend = Reenviar o link
email-change-cancel = Cancelar a alteração
email-change-resent = Enviámos um novo link de confirmação para { $email }; o anterior deixou de funcionar.
email-change-cancelled = A alteração foi cancelada; o link de confirmação deixou de funcionar.
email-change-nothing-pending = Não havia nenhuma alteração a aguardar confirmação.
email-change-fix = Verifique o formulário do endereço de e-mail; nada foi guardado nem enviado.
email-change-error-missing = Introduza o novo endereço de e-mail.
email-change-error-malformed = Introduza um endereço de e-mail como name@example.com.
email-change-error-same = Este já é o seu e-mail de início de sessão.
email-change-error-taken = Outro utilizador deste portal já inicia sessão com este endereço.
email-change-error-wrong-password = A palavra-passe não está correta.
email-change-error-too-many = Foram pedidos demasiados links de confirmação recentemente. Tente novamente mais tarde.
email-change-error-no-password = O seu endereço é gerido pelo seu fornecedor de identidade; não pode ser alterado aqui.
email-change-error-unavailable = Esta funcionalidade está temporariamente indisponível. Tente novamente daqui a pouco.

## As páginas do link de confirmação.

email-change-confirm-title = Confirmar o novo endereço de e-mail
email-change-confirm-heading = Confirme o seu novo endereço de e-mail
email-change-confirm-body = Prima o botão para passar a usar { $email } para iniciar sessão no portal de clientes { $tenant }. As suas outras sessões serão terminadas.
email-change-confirm-submit = Confirmar o meu novo endereço de e-mail
email-change-done-title = Endereço de e-mail alterado
email-change-done-heading = O seu endereço de e-mail foi alterado
email-change-done-body = A partir de agora, inicie sessão com { $email }. A sua palavra-passe e as definições de dois fatores mantêm-se; as suas outras sessões foram terminadas.
email-change-done-profile = Voltar ao meu perfil
email-change-done-sign-in = Iniciar sessão
email-change-invalid-title = Este link não pode ser usado
email-change-invalid-heading = Este link não pode ser usado
email-change-invalid-body = O link de confirmação expirou, já foi usado, foi substituído ou foi cancelado. O seu endereço de e-mail não foi alterado. Pode pedir um novo link no seu perfil.
email-change-taken-title = Este endereço já está em uso
email-change-taken-heading = Este endereço não pode ser usado
email-change-taken-body = Outro utilizador deste portal inicia agora sessão com { $email }, pelo que o seu endereço de e-mail não foi alterado. Escolha outro endereço no seu perfil.
email-change-to-profile = Ir para o meu perfil

## E-mails: o link de confirmação (para o novo endereço) e o aviso (para o atual).

email-change-confirm-subject = Confirme o seu novo endereço de e-mail no portal { $tenant }
email-change-confirm-intro = Recebemos um pedido, provavelmente seu, para usar este endereço ({ $new }) para iniciar sessão no portal de clientes { $tenant } em vez de { $old }.
email-change-confirm-action = Confirmar o meu novo endereço de e-mail
email-change-confirm-expiry = O link só pode ser usado uma vez e expira em { $when }. Enquanto não for usado, nada muda.
email-change-confirm-ignore = Se não fez este pedido, ignore este e-mail: o endereço não será alterado.
email-change-notice-subject = Foi pedido um novo endereço de e-mail para a sua conta no portal { $tenant }
email-change-notice-body = Em { $when }, alguém com sessão iniciada na sua conta do portal de clientes { $tenant } pediu para alterar o respetivo endereço de e-mail de { $old } para { $new }. Foi enviado um link de confirmação para o novo endereço; nada muda a menos que esse link seja aberto.
email-change-notice-ip = O pedido foi feito a partir do endereço IP { $ip }.
email-change-notice-not-you = Se não fez este pedido, inicie sessão, cancele a alteração na página do seu perfil e altere de imediato a sua palavra-passe; depois, informe { $tenant }.
email-change-notice-action = Abrir o meu perfil
