## Email: parti comuni.

email-greeting = Ciao { $name },
email-greeting-anonymous = Ciao,
email-signature = { $name }
email-automated = Questa email è stata inviata automaticamente dal portale clienti. Le risposte non vengono lette.

## Link di reimpostazione della password.

email-reset-subject = Reimposta la password del portale di { $tenant }
email-reset-intro = Qualcuno, speriamo tu, ha chiesto di reimpostare la password del tuo account del portale clienti di { $tenant }.
email-reset-action = Imposta una nuova password
email-reset-expiry = Il link può essere usato una sola volta e scade tra { $minutes } minuti.
email-reset-ignore = Se non hai fatto tu questa richiesta, ignora questa email: la tua password resta invariata.

## Avviso di password modificata.

email-changed-subject = La password del portale di { $tenant } è stata modificata
email-changed-body = La password del tuo account del portale clienti di { $tenant } è stata modificata il { $when }.
email-changed-ip = La modifica è stata effettuata dall'indirizzo IP { $ip }.
email-changed-signed-out = Tutte le sessioni del tuo account sono state chiuse.
email-changed-not-you = Se non hai effettuato tu questa modifica, richiedi subito una nuova reimpostazione della password con il link qui sotto e informa { $tenant }.
email-changed-action = Reimposta la mia password

## Trova la tua organizzazione: i link di accesso di ogni organizzazione con un account.

email-discovery-subject = I tuoi link di accesso ai portali clienti
email-discovery-intro = Hai chiesto a quali portali clienti puoi accedere con { $email }. Ecco i relativi link di accesso:
email-discovery-ignore = Se non hai fatto tu questa richiesta, puoi ignorare questa email.

## Invito a configurare un account.

email-invitation-subject = Invito al portale clienti di { $tenant }
email-invitation-intro = { $tenant } ti invita al suo portale clienti, dove puoi seguire i tuoi ticket, progetti e fatture.
email-invitation-action = Configura il mio account
email-invitation-expiry = Il link può essere usato una sola volta e scade il { $when }.
email-invitation-ignore = Se non ti aspettavi questo invito, ignora questa email.

## Agli amministratori di un'azienda: un collega ha chiesto di eliminare il proprio account del portale.

email-deletion-subject = { $who } ha chiesto di eliminare il proprio account del portale
email-deletion-body = Il { $when }, { $who } ha chiesto a { $tenant }, dal proprio profilo, di eliminare il proprio account del portale.
email-deletion-next = { $tenant } valuterà la richiesta e se ne occuperà. Fino ad allora l'account resta invariato; puoi disattivarlo subito dalle impostazioni aziendali.
email-deletion-action = Apri la sua pagina nelle impostazioni aziendali
