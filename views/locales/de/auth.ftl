## Anmeldeseite.

signin-title = Anmelden
signin-heading = Bei { $name } anmelden
signin-intro = Verwenden Sie die E-Mail-Adresse und das Passwort Ihres Kundenkontos.
signin-email-label = E-Mail-Adresse
signin-password-label = Passwort
signin-submit = Anmelden

## Fehlgeschlagene Anmeldungen, als Hinweis über dem Formular angezeigt.

signin-error-invalid-credentials = E-Mail-Adresse oder Passwort ist falsch
signin-error-access-denied = Zugriff verweigert. Dieses Portal ist nur für Kundenkonten bestimmt; Mitarbeitende des MSP melden sich in der MSP-Anwendung an.
signin-error-missing-fields = Geben Sie Ihre E-Mail-Adresse und Ihr Passwort ein.
signin-error-csrf-failed = Ihr Anmeldeformular ist abgelaufen. Bitte versuchen Sie es erneut.
signin-error-unavailable = Die Anmeldung ist vorübergehend nicht verfügbar. Bitte versuchen Sie es gleich noch einmal.
signin-error-throttled = { $minutes ->
    [one] Zu viele fehlgeschlagene Anmeldeversuche. Versuchen Sie es in { $minutes } Minute erneut
   *[other] Zu viele fehlgeschlagene Anmeldeversuche. Versuchen Sie es in { $minutes } Minuten erneut
}
signin-error-sso-only = Ihre Organisation meldet sich über ihren Identitätsanbieter an: Verwenden Sie die Schaltfläche oben.

## Anmeldehinweise, als Statusmeldung über dem Formular angezeigt.

signin-notice-signed-out = Sie wurden abgemeldet.
signin-notice-session-expired = Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.
