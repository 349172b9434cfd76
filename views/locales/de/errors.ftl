## Fehlerseiten. Hier nie interne Details nennen: Diese Texte sieht jeder.

error-status = Fehler { $code }
error-home-link = Zur Startseite
error-bad-request-title = Ungültige Anfrage
error-bad-request-body = Die Anfrage konnte nicht verarbeitet werden. Bitte prüfen Sie die Adresse oder gehen Sie zurück und versuchen Sie es erneut.
error-forbidden-title = Zugriff verweigert
error-forbidden-body = Sie sind nicht berechtigt, diese Seite aufzurufen.
error-not-found-title = Seite nicht gefunden
error-not-found-body = Die gesuchte Seite existiert nicht oder wurde verschoben.
error-method-not-allowed-title = Aktion nicht zulässig
error-method-not-allowed-body = Diese Seite kann so nicht verwendet werden. Bitte gehen Sie zurück und versuchen Sie es erneut.
error-payload-too-large-title = Anfrage zu groß
error-payload-too-large-body = Ihre Daten sind größer, als dieses Portal annimmt. Bitte versuchen Sie es mit weniger Daten erneut.
error-too-many-requests-title = Zu viele Anfragen
error-too-many-requests-body = Sie haben in kurzer Zeit zu viele Anfragen gestellt. Bitte warten Sie einen Moment und versuchen Sie es dann erneut.
error-internal-title = Etwas ist schiefgelaufen
error-internal-body = Bei uns ist ein unerwarteter Fehler aufgetreten. Bitte versuchen Sie es später erneut.
error-unavailable-title = Vorübergehend nicht verfügbar
error-unavailable-body = Das Portal ist vorübergehend nicht verfügbar. Bitte versuchen Sie es gleich noch einmal.
