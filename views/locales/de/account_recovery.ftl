## Gemeinsam genutzt von den E-Mail-Anforderungsformularen.

recovery-email-label = E-Mail-Adresse
recovery-back-to-sign-in = Zurück zur Anmeldung
recovery-forgot-link = Passwort vergessen?
recovery-error-csrf = Dieses Formular ist abgelaufen. Bitte versuchen Sie es erneut.
recovery-error-email-missing = Geben Sie Ihre E-Mail-Adresse ein.
recovery-error-too-many = Zu viele Anfragen für diese Adresse oder aus diesem Netzwerk. Bitte versuchen Sie es später erneut.
recovery-error-unavailable = Diese Funktion ist vorübergehend nicht verfügbar. Bitte versuchen Sie es gleich noch einmal.

## Passwort vergessen: einen Link zum Zurücksetzen anfordern.

forgot-title = Passwort zurücksetzen
forgot-heading = Passwort zurücksetzen
forgot-intro = Geben Sie die E-Mail-Adresse Ihres Kontos im Kundenportal von { $name } ein. Wir senden Ihnen per E-Mail einen Link, mit dem Sie ein neues Passwort festlegen können.
forgot-submit = Link zum Zurücksetzen senden
forgot-sent-title = Prüfen Sie Ihr Postfach
forgot-sent-heading = Prüfen Sie Ihr Postfach
forgot-sent-body = Falls diese Adresse zu einem Konto dieses Portals gehört, haben wir einen Link dorthin gesendet, mit dem Sie ein neues Passwort festlegen können. Der Link kann einmal verwendet werden und läuft in { $minutes } Minuten ab.
forgot-sent-help = Nach ein paar Minuten noch nichts angekommen? Sehen Sie in Ihrem Spam-Ordner nach, prüfen Sie, ob Sie die Adresse Ihres Kontos eingegeben haben, oder wenden Sie sich an Ihren IT-Dienstleister.

## Neues Passwort über einen Link zum Zurücksetzen festlegen.

reset-title = Neues Passwort festlegen
reset-heading = Neues Passwort für { $name } festlegen
reset-intro = Ihr neues Passwort ersetzt das alte, und alle Sitzungen Ihres Kontos werden abgemeldet.
reset-password-label = Neues Passwort
reset-confirm-label = Neues Passwort wiederholen
reset-hint = Mindestens 12 Zeichen. Einige zusammenhanglose Wörter ergeben ein starkes Passwort, das sich leicht merken lässt.
reset-submit = Neues Passwort festlegen
reset-done-title = Passwort geändert
reset-done-heading = Ihr Passwort wurde geändert
reset-done-body = Ihr neues Passwort ist festgelegt, und alle Sitzungen Ihres Kontos wurden abgemeldet. Melden Sie sich mit dem neuen Passwort an.
reset-done-sign-in = Anmelden
reset-invalid-title = Dieser Link ist ungültig
reset-invalid-heading = Dieser Link ist ungültig
reset-invalid-body = Der Link zum Zurücksetzen des Passworts ist abgelaufen, wurde bereits verwendet oder durch einen neueren ersetzt. Fordern Sie einen neuen Link an, um fortzufahren.
reset-invalid-action = Neuen Link anfordern

## Warum ein neues Passwort abgelehnt wurde.


## Organisation finden: die Anmeldeseite ohne Organisation.

find-org-title = Organisation finden
find-org-heading = Portal Ihrer Organisation finden
find-org-intro = Verwenden Sie zum Anmelden den Portal-Link, den Sie von Ihrem IT-Dienstleister erhalten haben. Sie finden ihn nicht? Geben Sie Ihre E-Mail-Adresse ein, und wir senden Ihnen die Anmeldelinks aller Organisationen, bei denen Sie ein Konto im Kundenportal haben.
find-org-submit = Anmeldelinks senden
find-org-help = Sie können Ihren IT-Dienstleister auch bitten, Ihnen den Portal-Link erneut zu senden.
find-org-sent-title = Prüfen Sie Ihr Postfach
find-org-sent-heading = Prüfen Sie Ihr Postfach
find-org-sent-body = Falls zu dieser Adresse Konten im Kundenportal bestehen, haben wir die zugehörigen Anmeldelinks dorthin gesendet.
