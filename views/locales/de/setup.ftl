## Kontoeinrichtung über eine Einladung.

setup-title = Konto einrichten
setup-heading = Ihr Konto im Portal von { $name } einrichten
setup-who = Sie richten das Portalkonto von { $name } ({ $email }) bei { $company } ein.
setup-role-admin = Sie werden Administrator des Portals Ihres Unternehmens.
setup-role-finance = Sie übernehmen im Portal die Abrechnung Ihres Unternehmens.
setup-submit = Passwort festlegen und anmelden
setup-expired-heading = Diese Einladung ist abgelaufen
setup-expired-body = Einladungslinks sind nur begrenzt gültig. Fordern Sie unten einen neuen an; er wird an die eingeladene E-Mail-Adresse gesendet.
setup-used-heading = Diese Einladung wurde bereits verwendet
setup-used-body = Das Konto ist eingerichtet. Melden Sie sich mit Ihrer E-Mail-Adresse und Ihrem Passwort an, oder setzen Sie Ihr Passwort zurück, falls Sie es vergessen haben.
setup-invalid-heading = Dieser Einladungslink funktioniert nicht
setup-invalid-body = Der Link ist unvollständig oder wurde durch eine neuere Einladung ersetzt. Verwenden Sie die neueste Einladungs-E-Mail, oder bitten Sie den Portaladministrator Ihres Unternehmens, Sie erneut einzuladen.
setup-request-new = Neue Einladung anfordern
setup-requested = Falls die Einladung erneuert werden kann, ist ein neuer Link an die eingeladene E-Mail-Adresse unterwegs.
setup-sign-in = Zur Anmeldung

## Der Einladungsbereich der Unternehmensseite.

setup-invite-heading = Personen einladen
setup-invite-intro = Kontakte Ihres Unternehmens, die noch kein Portalkonto haben. Eine Einladung sendet ihnen per E-Mail einen Link zum Festlegen ihres Passworts; er kann einmal verwendet werden.
setup-invite-none = Alle Kontakte Ihres Unternehmens haben ein Portalkonto.
setup-invite-pending = Eingeladen, Link gültig bis
setup-invite-send = Einladen
setup-invite-resend = Neuen Link senden
setup-invite-sent = Eine Einladung wurde an { $email } gesendet.
setup-invite-name = Name
setup-invite-email = E-Mail
setup-invite-status = Status
setup-invite-not-invited = Nicht eingeladen
