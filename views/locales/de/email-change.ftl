## Profil → Profil: die Karte „E-Mail-Adresse“ (Anmelde-E-Mail-Adresse ändern).

email-change-heading = E-Mail-Adresse
email-change-current = Anmelde-E-Mail-Adresse
email-change-intro = Mit dieser Adresse melden Sie sich an, und Ihr IT-Dienstleister schreibt Ihnen dorthin. Um sie zu ändern, geben Sie die neue Adresse und Ihr aktuelles Passwort ein: Wir senden einen Bestätigungslink an die neue Adresse und informieren die bisherige. Es ändert sich nichts, bis Sie den Link öffnen.
email-change-new-email = Neue E-Mail-Adresse
email-change-current-password = Aktuelles Passwort
email-change-submit = Bestätigungslink senden
email-change-sso-only = Sie melden sich über den Identitätsanbieter Ihrer Organisation an, daher wird Ihre Adresse dort verwaltet. Bitten Sie Ihre IT-Abteilung oder Ihren IT-Dienstleister, sie zu ändern.
email-change-pending = Bestätigung an { $email } gesendet – prüfen Sie Ihr Postfach. Der Link kann einmal verwendet werden und gilt bis { $when }. Bis Sie ihn öffnen, bleibt Ihre Anmelde-E-Mail-Adresse { $current }.
email-change-resend = Link erneut senden
email-change-cancel = Änderung abbrechen
email-change-resent = Wir haben einen neuen Bestätigungslink an { $email } gesendet; der vorherige ist nicht mehr gültig.
email-change-cancelled = Die Änderung wurde abgebrochen; der Bestätigungslink ist nicht mehr gültig.
email-change-nothing-pending = Es wartete keine Änderung auf Bestätigung.
email-change-fix = Prüfen Sie das Formular zur E-Mail-Adresse; es wurde nichts gespeichert oder gesendet.
email-change-error-missing = Geben Sie die neue E-Mail-Adresse ein.
email-change-error-malformed = Geben Sie eine E-Mail-Adresse ein, z. B. name@example.com.
email-change-error-same = Dies ist bereits Ihre Anmelde-E-Mail-Adresse.
email-change-error-taken = Ein anderer Benutzer dieses Portals meldet sich bereits mit dieser Adresse an.
email-change-error-wrong-password = Das Passwort ist nicht korrekt.
email-change-error-too-many = In letzter Zeit wurden zu viele Bestätigungslinks angefordert. Bitte versuchen Sie es später erneut.
email-change-error-no-password = Ihre Adresse wird von Ihrem Identitätsanbieter verwaltet und kann hier nicht geändert werden.
email-change-error-unavailable = Diese Funktion ist vorübergehend nicht verfügbar. Bitte versuchen Sie es gleich noch einmal.

## Die Seiten des Bestätigungslinks.

email-change-confirm-title = Neue E-Mail-Adresse bestätigen
email-change-confirm-heading = Neue E-Mail-Adresse bestätigen
email-change-confirm-body = Klicken Sie auf die Schaltfläche, um sich ab sofort mit { $email } im Kundenportal von { $tenant } anzumelden. Ihre anderen Sitzungen werden abgemeldet.
email-change-confirm-submit = Neue E-Mail-Adresse bestätigen
email-change-done-title = E-Mail-Adresse geändert
email-change-done-heading = Ihre E-Mail-Adresse wurde geändert
email-change-done-body = Melden Sie sich ab sofort mit { $email } an. Ihr Passwort und Ihre Zwei-Faktor-Einstellungen bleiben unverändert; Ihre anderen Sitzungen wurden abgemeldet.
email-change-done-profile = Zurück zu meinem Profil
email-change-done-sign-in = Anmelden
email-change-invalid-title = Dieser Link ist ungültig
email-change-invalid-heading = Dieser Link ist ungültig
email-change-invalid-body = Der Bestätigungslink ist abgelaufen, wurde bereits verwendet, ersetzt oder abgebrochen. Ihre E-Mail-Adresse wurde nicht geändert. Sie können in Ihrem Profil einen neuen Link anfordern.
email-change-taken-title = Diese Adresse ist vergeben
email-change-taken-heading = Diese Adresse kann nicht verwendet werden
email-change-taken-body = Ein anderer Benutzer dieses Portals meldet sich inzwischen mit { $email } an, daher wurde Ihre E-Mail-Adresse nicht geändert. Wählen Sie in Ihrem Profil eine andere Adresse.
email-change-to-profile = Zu meinem Profil

## E-Mails: der Bestätigungslink (an die neue Adresse) und der Hinweis (an die bisherige).

email-change-confirm-subject = Bestätigen Sie Ihre neue E-Mail-Adresse für das Portal von { $tenant }
email-change-confirm-intro = Jemand, hoffentlich Sie, möchte sich mit dieser Adresse ({ $new }) statt mit { $old } im Kundenportal von { $tenant } anmelden.
email-change-confirm-action = Neue E-Mail-Adresse bestätigen
email-change-confirm-expiry = Der Link kann einmal verwendet werden und läuft am { $when } ab. Solange er nicht verwendet wird, ändert sich nichts.
email-change-confirm-ignore = Falls Sie dies nicht angefordert haben, ignorieren Sie diese E-Mail: Die Adresse wird nicht geändert.
email-change-notice-subject = Für Ihr Konto im Portal von { $tenant } wurde eine neue E-Mail-Adresse angefordert
email-change-notice-body = Am { $when } hat jemand, der in Ihrem Konto im Kundenportal von { $tenant } angemeldet war, die Änderung der E-Mail-Adresse von { $old } auf { $new } angefordert. Ein Bestätigungslink wurde an die neue Adresse gesendet; es ändert sich nichts, solange er nicht geöffnet wird.
email-change-notice-ip = Die Anfrage kam von der IP-Adresse { $ip }.
email-change-notice-not-you = Falls Sie das nicht waren, melden Sie sich an, brechen Sie die Änderung auf Ihrer Profilseite ab, ändern Sie sofort Ihr Passwort und informieren Sie dann { $tenant } darüber.
email-change-notice-action = Mein Profil öffnen
