## Single Sign-On: die Schaltflächen auf der Anmeldeseite.

sso-sign-in-with = Mit { $provider } anmelden
sso-or-password = oder mit E-Mail-Adresse und Passwort anmelden
sso-only-intro = Ihre Organisation meldet sich über ihren Identitätsanbieter an.

## Wenn eine Anmeldung über einen Identitätsanbieter fehlschlägt.

sso-failed-title = Anmeldung fehlgeschlagen
sso-failed-heading = Die Anmeldung mit { $provider } ist fehlgeschlagen
sso-failed-unreachable = { $provider } ist nicht erreichbar. Bitte versuchen Sie es in einigen Minuten erneut.
sso-failed-denied = Die Anmeldung wurde bei { $provider } abgebrochen, daher wurden Sie nicht angemeldet.
sso-failed-state = Diese Anmeldung ist abgelaufen oder wurde bereits verwendet. Bitte beginnen Sie erneut auf der Anmeldeseite.
sso-failed-token = { $provider } hat eine Antwort gesendet, die wir nicht überprüfen konnten, daher wurden Sie nicht angemeldet. Bitte versuchen Sie es erneut; falls das Problem weiterhin auftritt, wenden Sie sich an Ihren IT-Dienstleister.
sso-failed-no-email = { $provider } hat Ihre E-Mail-Adresse nicht übermittelt, die wir benötigen, um Ihr Konto zu finden.
sso-failed-unverified = { $provider } hat Ihre E-Mail-Adresse nicht verifiziert. Verifizieren Sie sie dort und versuchen Sie es dann erneut.
sso-failed-domain = Ihre Organisation erlaubt die Anmeldung mit { $provider } nicht für Ihre E-Mail-Adresse.
sso-failed-no-user = Für diese Identität bei { $provider } gibt es kein Portalkonto. Bitten Sie den Portaladministrator Ihres Unternehmens um eine Einladung.
sso-failed-inactive = Ihr Portalkonto ist nicht aktiv. Bitte wenden Sie sich an Ihren IT-Dienstleister.
sso-failed-internal = Diese Anmeldung ist für Kunden bestimmt. Mitarbeiterkonten können das Kundenportal nicht verwenden.
sso-failed-unknown-provider = Diese Anmeldeoption ist für Ihre Organisation nicht verfügbar.
sso-failed-unavailable = Bei Ihrer Anmeldung ist etwas schiefgelaufen. Bitte versuchen Sie es erneut.
sso-failed-reference = Referenz: { $reference }
sso-failed-retry = Zurück zur Anmeldung
sso-failed-throttled = { $minutes ->
    [one] Aus Ihrem Netzwerk wurden zu viele Anmeldungen gestartet. Bitte versuchen Sie es in { $minutes } Minute erneut.
   *[other] Aus Ihrem Netzwerk wurden zu viele Anmeldungen gestartet. Bitte versuchen Sie es in { $minutes } Minuten erneut.
}
