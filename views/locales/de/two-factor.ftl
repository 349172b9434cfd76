## Der zweite Anmeldeschritt.

two-factor-title = Zwei-Faktor-Bestätigung
two-factor-heading = Hallo { $name }, bestätigen Sie, dass Sie es sind
two-factor-intro = Geben Sie den sechsstelligen Code aus Ihrer Authenticator-App ein.
two-factor-code-label = Code
two-factor-code-hint = Gerät verloren? Geben Sie stattdessen einen Ihrer Wiederherstellungscodes ein.
two-factor-submit = Bestätigen

## Einrichtung (bei der Anmeldung, wenn vorgeschrieben, oder über die Seite „Sicherheit“).

two-factor-enroll-title = Zwei-Faktor-Authentifizierung einrichten
two-factor-enroll-heading = Zwei-Faktor-Authentifizierung einrichten
two-factor-enroll-required = Ihre Organisation schreibt die Zwei-Faktor-Authentifizierung vor. Richten Sie sie ein, um fortzufahren.
two-factor-enroll-step-scan = 1. Scannen Sie diesen QR-Code mit einer Authenticator-App (zum Beispiel Google Authenticator, Microsoft Authenticator oder 1Password).
two-factor-enroll-qr-label = QR-Code für Ihre Authenticator-App
two-factor-enroll-secret-label = Scannen nicht möglich? Geben Sie stattdessen diesen Schlüssel ein:
two-factor-enroll-step-confirm = 2. Geben Sie zur Bestätigung den sechsstelligen Code ein, den die App anzeigt.
two-factor-enroll-submit = Zwei-Faktor aktivieren

## Wiederherstellungscodes, einmalig angezeigt.

two-factor-codes-title = Ihre Wiederherstellungscodes
two-factor-codes-heading = Speichern Sie Ihre Wiederherstellungscodes
two-factor-codes-intro = Mit jedem Code können Sie sich einmal anmelden, falls Sie Ihren Authenticator verlieren. Bewahren Sie sie sicher auf: Sie werden nicht noch einmal angezeigt.
two-factor-codes-continue = Gespeichert, weiter

## Fehler.

two-factor-error-invalid = Dieser Code ist ungültig. Prüfen Sie die Uhrzeit auf Ihrem Gerät und versuchen Sie es erneut.
two-factor-error-replay = Dieser Code wurde bereits verwendet. Warten Sie auf den nächsten Code und versuchen Sie es erneut.
two-factor-error-expired = Ihre Anmeldung hat zu lange gedauert oder wurde bereits abgeschlossen.
two-factor-error-setup-expired = Diese Einrichtung ist abgelaufen. Scannen Sie den neuen QR-Code unten und geben Sie dann den angezeigten Code ein.
two-factor-error-csrf = Das Formular ist abgelaufen. Bitte versuchen Sie es erneut.
two-factor-error-unavailable = Die Zwei-Faktor-Bestätigung ist vorübergehend nicht verfügbar. Bitte versuchen Sie es gleich noch einmal.
two-factor-expired-heading = Bitte melden Sie sich erneut an
two-factor-expired-body = Zu Ihrer Sicherheit muss der zweite Schritt einer Anmeldung innerhalb weniger Minuten auf den ersten folgen.
two-factor-expired-link = Zur Anmeldung
two-factor-error-throttled = { $minutes ->
    [one] Zu viele fehlgeschlagene Anmeldeversuche. Versuchen Sie es in 1 Minute erneut.
   *[other] Zu viele fehlgeschlagene Anmeldeversuche. Versuchen Sie es in { $minutes } Minuten erneut.
}
