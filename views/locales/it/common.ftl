## Struttura della pagina: link per saltare la navigazione, intestazione, navigazione, piè di pagina.

common-skip-to-content = Vai al contenuto principale
common-nav-label = Navigazione principale
common-nav-dashboard = Dashboard
common-nav-tickets = Ticket
common-nav-profile = Profilo
common-nav-company = Azienda
common-nav-projects = Progetti
common-nav-billing = Fatturazione
common-signed-in-as = Accesso effettuato come
common-sign-out = Esci
common-footer-help = Serve aiuto? Contatta il tuo fornitore di servizi.

## Date e ore: un istante nel fuso orario di chi legge, con l'abbreviazione del fuso.

common-datetime-zone = { $datetime } { $zone }

common-display-label = Impostazioni di visualizzazione
common-display-theme = Aspetto
common-display-theme-auto = Automatico
common-display-theme-light = Chiaro
common-display-theme-dark = Scuro
common-display-language = Lingua
common-display-apply = Applica
