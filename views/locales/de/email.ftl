## E-Mails: gemeinsame Bausteine.

email-greeting = Hallo { $name },
email-greeting-anonymous = Hallo,
email-signature = { $name }
email-automated = Diese E-Mail wurde automatisch vom Kundenportal gesendet. Antworten werden nicht gelesen.

## Link zum Zurücksetzen des Passworts.

email-reset-subject = Passwort für das Portal von { $tenant } zurücksetzen
email-reset-intro = Jemand, hoffentlich Sie, hat das Zurücksetzen des Passworts für Ihr Konto im Kundenportal von { $tenant } angefordert.
email-reset-action = Neues Passwort festlegen
email-reset-expiry = Der Link kann einmal verwendet werden und läuft in { $minutes } Minuten ab.
email-reset-ignore = Falls Sie dies nicht angefordert haben, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.

## Hinweis, dass ein Passwort geändert wurde.

email-changed-subject = Ihr Passwort für das Portal von { $tenant } wurde geändert
email-changed-body = Das Passwort Ihres Kontos im Kundenportal von { $tenant } wurde am { $when } geändert.
email-changed-ip = Die Änderung erfolgte von der IP-Adresse { $ip }.
email-changed-signed-out = Alle Sitzungen Ihres Kontos wurden abgemeldet.
email-changed-not-you = Falls Sie das nicht waren, fordern Sie über den Link unten sofort ein neues Zurücksetzen des Passworts an und informieren Sie { $tenant } darüber.
email-changed-action = Mein Passwort zurücksetzen

## Organisation finden: die Anmeldelinks aller Organisationen mit einem Konto.

email-discovery-subject = Ihre Anmeldelinks für das Kundenportal
email-discovery-intro = Sie haben gefragt, bei welchen Kundenportalen sich { $email } anmelden kann. Hier sind die Anmeldelinks:
email-discovery-ignore = Falls Sie dies nicht angefordert haben, können Sie diese E-Mail ignorieren.

## Einladung zur Einrichtung eines Kontos.

email-invitation-subject = Einladung zum Kundenportal von { $tenant }
email-invitation-intro = { $tenant } lädt Sie in das Kundenportal ein, in dem Sie Ihre Tickets, Projekte und Rechnungen verfolgen können.
email-invitation-action = Mein Konto einrichten
email-invitation-expiry = Der Link kann einmal verwendet werden und läuft am { $when } ab.
email-invitation-ignore = Falls Sie diese Einladung nicht erwartet haben, ignorieren Sie diese E-Mail.

## An die Administratoren eines Unternehmens: Ein Kollege hat die Löschung seines Portalkontos beantragt.

email-deletion-subject = { $who } hat die Löschung des eigenen Portalkontos beantragt
email-deletion-body = { $who } hat am { $when } über das eigene Profil bei { $tenant } die Löschung des Portalkontos beantragt.
email-deletion-next = { $tenant } entscheidet darüber und kümmert sich darum. Bis dahin bleibt das Konto unverändert; Sie können es aber schon jetzt selbst in Ihren Unternehmenseinstellungen deaktivieren.
email-deletion-action = Seite der Person in den Unternehmenseinstellungen öffnen
