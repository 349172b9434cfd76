## Die Seite des zentralen Hosts, die den Benutzer an die eigene Portaladresse der Organisation weiterleitet.

handoff-title = Anmeldung läuft
handoff-heading = Sie werden bei { $name } angemeldet
handoff-body = Einen Moment, wir schließen Ihre Anmeldung ab.
handoff-continue = Weiter
handoff-no-script = Falls nichts passiert, wählen Sie „Weiter“.

## Wenn die Weiterleitung nicht verwendet werden kann.

handoff-failed-title = Anmeldelink ungültig
handoff-failed-heading = Dieser Anmeldelink kann nicht verwendet werden
handoff-failed-expired = Der Link ist abgelaufen oder wurde bereits verwendet. Anmeldelinks können nur einmal und nur kurze Zeit verwendet werden.
handoff-failed-domain = Dieser Anmeldelink wurde für eine andere Adresse erstellt.
handoff-failed-unavailable = Diese Portaladresse ist noch nicht für die Anmeldung bereit.
handoff-failed-dns = Diese Portaladresse ist noch nicht richtig eingerichtet. Bitte versuchen Sie es später erneut oder wenden Sie sich an Ihren IT-Dienstleister.
handoff-failed-error = Bei Ihrer Anmeldung ist etwas schiefgelaufen. Bitte versuchen Sie es erneut.
handoff-failed-link = Zu Ihrer Sicherheit akzeptiert diese Adresse keine Anmeldelinks. Melden Sie sich erneut an, um fortzufahren.
handoff-failed-origin = Diese Anmeldung kam nicht von der Anmeldeseite und wurde daher nicht akzeptiert. Melden Sie sich erneut an, um fortzufahren.
handoff-failed-unfinished = Diese Anmeldung konnte in diesem Browser nicht abgeschlossen werden. Melden Sie sich erneut an, um fortzufahren.
handoff-failed-retry = Erneut anmelden
