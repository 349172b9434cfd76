## Configurazione dell'account da un invito.

setup-title = Configura il tuo account
setup-heading = Configura il tuo account del portale di { $name }
setup-who = Stai configurando l'account del portale di { $name } ({ $email }) presso { $company }.
setup-role-admin = Sarai amministratore del portale della tua azienda.
setup-role-finance = Gestirai la fatturazione della tua azienda nel portale.
setup-submit = Imposta la password e accedi
setup-expired-heading = Questo invito è scaduto
setup-expired-body = I link di invito sono validi per un tempo limitato. Richiedine uno nuovo qui sotto: verrà inviato all'indirizzo email che ha ricevuto l'invito.
setup-used-heading = Questo invito è già stato usato
setup-used-body = L'account è già stato configurato. Accedi con la tua email e la tua password oppure reimposta la password se l'hai dimenticata.
setup-invalid-heading = Questo link di invito non funziona
setup-invalid-body = Il link è incompleto o è stato sostituito da un invito più recente. Usa l'email di invito più recente oppure chiedi all'amministratore del portale della tua azienda di invitarti di nuovo.
setup-request-new = Inviami un nuovo invito
setup-requested = Se l'invito può essere rinnovato, un nuovo link è in arrivo all'indirizzo email che ha ricevuto l'invito.
setup-sign-in = Vai all'accesso

## La sezione degli inviti nella pagina dell'azienda.

setup-invite-heading = Invita persone
setup-invite-intro = Contatti della tua azienda che non hanno ancora un account del portale. L'invito invia loro via email un link per impostare la password; il link può essere usato una sola volta.
setup-invite-none = Tutti i contatti della tua azienda hanno un account del portale.
setup-invite-pending = Invito inviato, link valido fino al
setup-invite-send = Invita
setup-invite-resend = Invia un nuovo link
setup-invite-sent = È stato inviato un invito a { $email }.
setup-invite-name = Nome
setup-invite-email = Email
setup-invite-status = Stato
setup-invite-not-invited = Nessun invito
