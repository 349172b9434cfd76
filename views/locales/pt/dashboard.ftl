## Painel: a página inicial do cliente com sessão iniciada.

dashboard-title = Painel
dashboard-welcome = Boas-vindas, { $name }
dashboard-intro = Eis uma visão geral da sua conta.
dashboard-account-heading = Resumo da conta
dashboard-account-name = Nome
dashboard-account-email = E-mail
dashboard-account-company = Empresa
dashboard-last-sign-in-heading = Último início de sessão
dashboard-last-sign-in-at = O seu início de sessão anterior foi em { $time }.
dashboard-first-sign-in = Este é o seu primeiro início de sessão.
dashboard-session-heading = Sessão atual
dashboard-session-signed-in-at = Sessão iniciada em
dashboard-session-method = Método de início de sessão
dashboard-method-password = E-mail e palavra-passe
dashboard-tickets-heading = Tickets de suporte
dashboard-tickets-open = { $count ->
    [0] Nenhum ticket aberto
    [one] Um ticket aberto
   *[other] { $count } tickets abertos
}
dashboard-tickets-awaiting = { $count ->
    [0] nenhum a aguardar a sua resposta
    [one] um a aguardar a sua resposta
   *[other] { $count } a aguardar a sua resposta
}
dashboard-tickets-recent = Atualizados recentemente
dashboard-tickets-none = Ainda não há tickets.
dashboard-tickets-all = Ver todos os tickets

# Atividade recente (os eventos mais recentes da empresa que o utilizador pode ver).
dashboard-activity-heading = Atividade recente
dashboard-activity-none = Ainda não aconteceu nada. As respostas, as alterações de estado, as faturas e as novidades dos projetos vão aparecer aqui.
dashboard-activity-reply = { $author } respondeu em { $ticket }
dashboard-activity-status = { $ticket } está agora «{ $status }»
dashboard-activity-closed = { $ticket } foi fechado («{ $status }»)
dashboard-activity-invoice = Fatura { $number } emitida no valor de { $total }
dashboard-activity-payment = Pagamento de { $amount } recebido
dashboard-activity-payment-for = Pagamento de { $amount } recebido referente a { $number }
dashboard-activity-project = O projeto { $project } está agora «{ $status }»
dashboard-activity-joined = { $who } aderiu ao portal
