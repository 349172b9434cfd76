## Definições da empresa (administradores do cliente).

company-title = Empresa
company-heading = { $company }
company-intro = Os utilizadores do portal da sua empresa, onde têm sessão iniciada e os respetivos inícios de sessão recentes.
company-users-heading = Utilizadores do portal
company-user-name = Nome
company-user-email = E-mail
company-user-role = Função
company-user-two-factor = Dois fatores
company-user-last-sign-in = Último início de sessão
company-user-sessions = Sessões ativas
company-role-admin = Administrador
company-role-finance = Finanças
company-role-user = Utilizador
company-inactive = Inativo
company-yes = Ativada
company-no = Desativada
company-never = Nunca
company-sign-out-user = Terminar todas as sessões
company-sessions-heading = Sessões ativas
company-sessions-none = Neste momento, ninguém da sua empresa tem sessão iniciada.
company-session-user = Utilizador
company-session-device = Dispositivo
company-session-ip = Endereço IP
company-session-method = Método de início de sessão
company-session-last-active = Última atividade
company-session-revoke = Terminar sessão
company-session-yours = A sua sessão atual
company-events-heading = Inícios de sessão e alterações de conta recentes
company-events-none = Ainda não há inícios de sessão.
company-event-time = Quando
company-event-who = E-mail
company-event-outcome = Resultado
company-event-ip = Endereço IP
company-outcome-success = Sessão iniciada
company-outcome-failure = Falhado
company-outcome-second-factor = Palavra-passe correta, segundo fator pedido
company-notice-session = A sessão foi terminada.
company-notice-user = { $count ->
    [0] Nenhuma sessão foi terminada.
    [one] 1 sessão foi terminada.
   *[other] { $count } sessões foram terminadas.
}
company-unknown = Desconhecido
company-manage-user = Gerir
company-event-two-factor = Exigência de autenticação de dois fatores alterada
company-two-factor-heading = Dois fatores para todos
company-two-factor-require = Exigir a autenticação de dois fatores a todas as pessoas da sua empresa
company-two-factor-hint = Quem ainda não a usa configura-a no próximo início de sessão. Quem já a usa não é afetado.
company-two-factor-save = Guardar
company-notice-two-factor = Guardado: a exigência de dois fatores aplica-se a partir do próximo início de sessão de cada pessoa.
company-event-role-changed = Função alterada por um administrador
company-event-deactivated = Desativado por um administrador
company-event-reactivated = Reativado por um administrador
company-event-reset-sent = Link de reposição da palavra-passe enviado por um administrador
company-event-signed-out = Uma sessão foi terminada
company-event-profile-updated = Perfil atualizado

## Um utilizador do portal da empresa.

member-back = ← Todos os utilizadores do portal
member-facts-heading = Conta
member-email = E-mail
member-status = Estado
member-active = Ativo
member-inactive = Desativado
member-two-factor = Dois fatores
member-last-sign-in = Último início de sessão
member-sessions = Sessões ativas
member-role-heading = Função
member-role-legend = O que esta pessoa pode fazer no portal
member-role-admin-hint = Tudo, incluindo gerir os utilizadores e as definições do portal da sua empresa.
member-role-finance-hint = Faturas, pagamentos e utilização, bem como tickets de suporte e projetos.
member-role-user-hint = Tickets de suporte e projetos; sem faturação nem definições da empresa.
member-role-save = Guardar função
member-access-heading = Acesso
member-deactivate-hint = Uma pessoa desativada tem as sessões terminadas de imediato e não pode iniciar sessão até ser reativada. Os seus tickets e o histórico mantêm-se.
member-deactivate = Desativar
member-reactivate-hint = Esta pessoa está desativada e não pode iniciar sessão.
member-reactivate = Reativar
member-you-hint = Esta conta é a sua: se abdicar da função de Administrador, perde de imediato o acesso às definições da empresa.
member-notice-role = A função foi alterada. Aplica-se a partir da próxima página que esta pessoa abrir.
member-notice-deactivated = Desativado: todas as sessões desta pessoa foram terminadas.
member-notice-reactivated = Reativado: esta pessoa pode voltar a iniciar sessão.
member-notice-unchanged = Nada foi alterado.
member-error-last-admin = A sua empresa precisa de pelo menos um administrador ativo, e este é o único. Atribua primeiro a função de administrador a outra pessoa.
member-error-conflict = Outra pessoa alterou a função desta pessoa ao mesmo tempo. Reveja-a e tente novamente.
member-error-bad-role = Escolha uma das três funções.
member-reset-heading = Palavra-passe
member-reset-hint = Enviar para { $email } um link para definir uma nova palavra-passe. A palavra-passe atual continua a funcionar até o link ser usado.
member-reset = Enviar um link de reposição da palavra-passe
member-notice-reset = Foi enviado um link de reposição da palavra-passe.
member-error-inactive = Esta pessoa está desativada: reative-a primeiro.

## Os dados da empresa nas definições da empresa.

company-details-heading = Dados da empresa
company-details-kept = Estes dados são mantidos pelo seu prestador de serviços. Algum dado desatualizado? Informe-o e ele fará a correção.
company-details-edit-hint = O seu prestador de serviços é informado de cada alteração.
company-details-phone = Telefone
company-details-email = E-mail
company-details-website = Site
company-details-address = Endereço de faturação
company-details-line1 = Rua e número
company-details-line2 = Linha 2 do endereço
company-details-postal-code = Código postal
company-details-city = Cidade
company-details-region = Região ou estado
company-details-country = País
company-details-save = Guardar dados da empresa
company-details-not-on-file = Não registado
company-details-error-phone = Este número de telefone é demasiado longo ou contém caracteres que não podem ser usados.
company-details-error-email = Introduza um endereço de e-mail como accounts@example.com.
company-details-error-website = Introduza um endereço web como https://www.example.com.
company-details-error-line = Esta linha é demasiado longa ou contém caracteres que não podem ser usados.
company-notice-details = Os dados da empresa foram guardados e o seu prestador de serviços foi informado.
company-notice-details-unchanged = Nada foi alterado nos dados da empresa.
company-event-company-updated = Dados da empresa alterados
