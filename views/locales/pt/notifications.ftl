# E-mails de notificação (respostas do MSP, tickets fechados, novas faturas, convites aceites), as
# páginas de cancelamento de subscrição e as preferências de notificação do perfil.

notify-reply-subject = Nova resposta no ticket { $number }: { $title }
notify-replies-subject = { $count ->
    [one] Mais uma resposta no ticket { $number }: { $title }
   *[other] Mais { $count } respostas no ticket { $number }: { $title }
}
notify-reply-intro = { $tenant } respondeu ao seu ticket { $number } «{ $title }».
notify-replies-intro = { $count ->
    [one] { $tenant } acrescentou mais uma resposta ao seu ticket { $number } «{ $title }».
   *[other] { $tenant } acrescentou mais { $count } respostas ao seu ticket { $number } «{ $title }».
}
notify-reply-heading = { $author }, { $when }
notify-reply-answer = Pode responder na página do ticket ou responder a este e-mail para contactar a equipa de suporte.
notify-reply-action = Abrir o ticket
notify-closed-subject = O ticket { $number } foi fechado: { $title }
notify-closed-body = { $tenant } fechou o seu ticket { $number } «{ $title }» em { $when } (estado: { $status }).
notify-closed-reopen = Se o problema não estiver resolvido, abra o ticket e reabra-o, ou responda a este e-mail.
notify-invoice-subject = Nova fatura { $number } de { $tenant }
notify-invoice-body = { $tenant } emitiu a fatura { $number } no valor de { $total }.
notify-invoice-due = Data de vencimento: { $due }.
notify-invoice-action = Ver a fatura
notify-accepted-subject = { $who } aderiu ao portal da sua empresa
notify-accepted-body = { $who } aceitou o seu convite e já pode iniciar sessão no portal de clientes { $tenant }.
notify-accepted-action = Abrir a página desta pessoa nas definições da empresa
notify-unsubscribe = Deixar de receber estes e-mails

# Nome de cada tipo (preferências do perfil, páginas de cancelamento de subscrição).
notify-kind-ticket_reply = Respostas de { $tenant } aos meus tickets
notify-kind-ticket_closed = Os meus tickets fechados por { $tenant }
notify-kind-invoice_finalized = Novas faturas
notify-kind-invitation_accepted = Colegas que convidei e que aderiram

# Cartão do perfil.
notify-card-title = Notificações por e-mail
notify-card-intro = Escolha sobre que assuntos { $tenant } lhe envia e-mails. Os e-mails de segurança (alterações da palavra-passe, links de início de sessão) são sempre enviados.
notify-card-save = Guardar preferências de notificação
notify-saved = As suas preferências de notificação foram guardadas.
notify-card-none = Não há e-mails de notificação para a sua função.

# Páginas de cancelamento de subscrição (sem início de sessão).
unsubscribe-title = Cancelar subscrição
unsubscribe-confirm = Deixar de receber e-mails sobre: { $kind }?
unsubscribe-confirm-hint = Só este tipo de e-mail deixa de ser enviado; pode voltar a ativá-lo no seu perfil.
unsubscribe-button = Cancelar subscrição
unsubscribe-done = Deixará de receber e-mails sobre: { $kind }.
unsubscribe-done-hint = Mudou de ideias? Inicie sessão e volte a ativá-lo em Perfil.
unsubscribe-invalid = Este link de cancelamento de subscrição não é válido. Inicie sessão e escolha os seus e-mails em Perfil.
unsubscribe-sign-in = Iniciar sessão
