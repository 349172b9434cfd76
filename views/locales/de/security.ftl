## Profil → Sicherheit.

security-title = Sicherheit
security-intro = Verwalten Sie, wie Sie sich anmelden und wo Sie angemeldet sind.
security-two-factor-heading = Zwei-Faktor-Authentifizierung
security-two-factor-on = Die Zwei-Faktor-Authentifizierung ist aktiv seit
security-two-factor-off = Die Zwei-Faktor-Authentifizierung ist deaktiviert. Aktivieren Sie sie, damit ein gestohlenes Passwort nicht genügt, um sich als Sie anzumelden.
security-two-factor-codes-left = { $count ->
    [one] Sie haben noch 1 unbenutzten Wiederherstellungscode.
   *[other] Sie haben noch { $count } unbenutzte Wiederherstellungscodes.
}
security-two-factor-set-up = Zwei-Faktor einrichten
security-two-factor-disable-heading = Zwei-Faktor deaktivieren
security-two-factor-disable = Zwei-Faktor deaktivieren
security-password-heading = Passwort ändern
security-current-password = Aktuelles Passwort
security-new-password = Neues Passwort
security-confirm-password = Neues Passwort wiederholen
security-password-rules = 12 bis 128 Zeichen. Einige zusammenhanglose Wörter ergeben ein starkes Passwort; vermeiden Sie Ihren Namen und Ihre E-Mail-Adresse.
security-sign-out-others = Meine anderen Sitzungen abmelden
security-change-password = Passwort ändern
security-sessions-heading = Wo Sie angemeldet sind
security-sessions-intro = Diese Geräte sind in Ihrem Konto angemeldet. Wenn Sie eines nicht erkennen, melden Sie es ab und ändern Sie Ihr Passwort.
security-session-device = Gerät
security-session-ip = IP-Adresse
security-session-method = Anmeldemethode
security-session-signed-in = Angemeldet
security-session-last-active = Zuletzt aktiv
security-session-current = Dieses Gerät
security-session-revoke = Abmelden
security-session-unknown = Unbekannt
security-revoke-others-heading = Überall sonst abmelden
security-revoke-others-proof = Bestätigen Sie mit Ihrem Passwort oder einem Zwei-Faktor-Code.
security-revoke-others = Alle anderen Sitzungen abmelden
security-password-or-code = Passwort oder Zwei-Faktor-Code
security-enroll-cancel = Abbrechen
security-codes-back = Zurück zu „Sicherheit“
security-notice-password-changed = { $count ->
    [0] Ihr Passwort wurde geändert.
    [one] Ihr Passwort wurde geändert, und 1 andere Sitzung wurde abgemeldet.
   *[other] Ihr Passwort wurde geändert, und { $count } andere Sitzungen wurden abgemeldet.
}
security-notice-two-factor-on = Die Zwei-Faktor-Authentifizierung ist jetzt aktiv.
security-notice-two-factor-off = Die Zwei-Faktor-Authentifizierung ist jetzt deaktiviert.
security-notice-session-revoked = Die Sitzung wurde abgemeldet.
security-notice-others-revoked = { $count ->
    [one] 1 andere Sitzung wurde abgemeldet.
   *[other] { $count } andere Sitzungen wurden abgemeldet.
}
security-error-wrong-password = Das Passwort ist nicht korrekt.
security-error-mismatch = Die beiden neuen Passwörter stimmen nicht überein.
security-error-missing = Geben Sie das neue Passwort zweimal ein.
security-error-too-short = Das Passwort muss mindestens 12 Zeichen lang sein.
security-error-too-long = Das Passwort darf höchstens 128 Zeichen lang sein.
security-error-contains-email = Das Passwort darf Ihre E-Mail-Adresse nicht enthalten.
security-error-contains-name = Das Passwort darf Ihren Namen nicht enthalten.
security-error-too-weak = Dieses Passwort ist zu leicht zu erraten. Versuchen Sie es mit einigen zusammenhanglosen Wörtern.
security-error-needs-proof = Geben Sie Ihr Passwort oder einen aktuellen Zwei-Faktor-Code ein.
security-error-csrf = Das Formular ist abgelaufen. Bitte versuchen Sie es erneut.
security-error-unavailable = Diese Funktion ist vorübergehend nicht verfügbar. Bitte versuchen Sie es gleich noch einmal.
security-error-throttled = { $minutes ->
    [one] Zu viele falsche Passwörter oder Codes. Versuchen Sie es in 1 Minute erneut.
   *[other] Zu viele falsche Passwörter oder Codes. Versuchen Sie es in { $minutes } Minuten erneut.
}
security-method-password = Passwort
security-method-password-totp = Passwort und Authenticator-Code
security-method-password-recovery = Passwort und Wiederherstellungscode

## Anmeldemethoden über Single Sign-On und die verknüpften Identitäten.

security-method-oidc = Single Sign-On
security-method-oidc-totp = Single Sign-On und Authenticator-Code
security-method-oidc-recovery = Single Sign-On und Wiederherstellungscode
security-identities-heading = Single Sign-On
security-identities-intro = Diese Konten bei den Identitätsanbietern Ihrer Organisation melden sich bei diesem Portalkonto an. Wenn Sie eines entfernen, kann es sich hier nicht mehr anmelden; bei einer erneuten Anmeldung damit wird es wieder verknüpft, sofern die E-Mail-Adresse übereinstimmt.
security-identity-provider = Anbieter
security-identity-email = E-Mail beim Anbieter
security-identity-linked = Verknüpft
security-identity-last-used = Zuletzt verwendet
security-identity-unlink = Entfernen
security-notice-identity-unlinked = Die Single-Sign-On-Identität wurde von Ihrem Konto entfernt.
