## Unternehmenseinstellungen (Administratoren des Kunden).

company-title = Unternehmen
company-heading = { $company }
company-intro = Die Portalbenutzer Ihres Unternehmens, wo sie angemeldet sind, und ihre letzten Anmeldungen.
company-users-heading = Portalbenutzer
company-user-name = Name
company-user-email = E-Mail
company-user-role = Rolle
company-user-two-factor = Zwei-Faktor
company-user-last-sign-in = Letzte Anmeldung
company-user-sessions = Aktive Sitzungen
company-role-admin = Admin
company-role-finance = Finanzen
company-role-user = Benutzer
company-inactive = Inaktiv
company-yes = An
company-no = Aus
company-never = Nie
company-sign-out-user = Überall abmelden
company-sessions-heading = Aktive Sitzungen
company-sessions-none = Derzeit ist niemand aus Ihrem Unternehmen angemeldet.
company-session-user = Benutzer
company-session-device = Gerät
company-session-ip = IP-Adresse
company-session-method = Anmeldemethode
company-session-last-active = Zuletzt aktiv
company-session-revoke = Abmelden
company-session-yours = Sie, hier
company-events-heading = Letzte Anmeldungen und Kontoänderungen
company-events-none = Noch keine Anmeldungen.
company-event-time = Zeitpunkt
company-event-who = E-Mail
company-event-outcome = Ergebnis
company-event-ip = IP-Adresse
company-outcome-success = Angemeldet
company-outcome-failure = Fehlgeschlagen
company-outcome-second-factor = Passwort korrekt, zweiter Faktor angefordert
company-notice-session = Die Sitzung wurde abgemeldet.
company-notice-user = { $count ->
    [one] 1 Sitzung wurde abgemeldet.
   *[other] { $count } Sitzungen wurden abgemeldet.
}
company-unknown = Unbekannt
company-manage-user = Verwalten
company-event-two-factor = Zwei-Faktor-Pflicht geändert
company-two-factor-heading = Zwei-Faktor für alle
company-two-factor-require = Zwei-Faktor-Authentifizierung für alle in Ihrem Unternehmen vorschreiben
company-two-factor-hint = Wer sie noch nicht nutzt, richtet sie bei der nächsten Anmeldung ein. Wer sie bereits nutzt, ist nicht betroffen.
company-two-factor-save = Speichern
company-notice-two-factor = Gespeichert: Die Zwei-Faktor-Pflicht gilt für jede Person ab ihrer nächsten Anmeldung.
company-event-role-changed = Rolle von einem Administrator geändert
company-event-deactivated = Von einem Administrator deaktiviert
company-event-reactivated = Von einem Administrator reaktiviert
company-event-reset-sent = Link zum Zurücksetzen des Passworts von einem Administrator gesendet
company-event-signed-out = Eine Sitzung wurde abgemeldet
company-event-profile-updated = Profil aktualisiert

## Ein Portalbenutzer des Unternehmens.

member-back = ← Alle Portalbenutzer
member-facts-heading = Konto
member-email = E-Mail
member-status = Status
member-active = Aktiv
member-inactive = Deaktiviert
member-two-factor = Zwei-Faktor
member-last-sign-in = Letzte Anmeldung
member-sessions = Aktive Sitzungen
member-role-heading = Rolle
member-role-legend = Was diese Person im Portal tun darf
member-role-admin-hint = Alles, einschließlich der Verwaltung der Portalbenutzer und Einstellungen Ihres Unternehmens.
member-role-finance-hint = Rechnungen, Zahlungen und Verbrauch sowie Support-Tickets und Projekte.
member-role-user-hint = Support-Tickets und Projekte; keine Abrechnung, keine Unternehmenseinstellungen.
member-role-save = Rolle speichern
member-access-heading = Zugang
member-deactivate-hint = Eine deaktivierte Person wird sofort abgemeldet und kann sich erst nach der Reaktivierung wieder anmelden. Ihre Tickets und ihr Verlauf bleiben erhalten.
member-deactivate = Deaktivieren
member-reactivate-hint = Diese Person ist deaktiviert und kann sich nicht anmelden.
member-reactivate = Reaktivieren
member-you-hint = Das sind Sie: Wenn Sie die Rolle „Admin“ abgeben, verlieren Sie sofort den Zugriff auf die Unternehmenseinstellungen.
member-notice-role = Die Rolle wurde geändert. Sie gilt ab dem nächsten Seitenaufruf der Person.
member-notice-deactivated = Deaktiviert: Die Person wurde überall abgemeldet.
member-notice-reactivated = Reaktiviert: Die Person kann sich wieder anmelden.
member-notice-unchanged = Es wurde nichts geändert.
member-error-last-admin = Ihr Unternehmen braucht mindestens einen aktiven Administrator, und dies ist der einzige. Machen Sie zuerst eine andere Person zum Administrator.
member-error-conflict = Jemand hat die Rolle dieser Person gleichzeitig geändert. Prüfen Sie sie erneut und versuchen Sie es noch einmal.
member-error-bad-role = Wählen Sie eine der drei Rollen.
member-reset-heading = Passwort
member-reset-hint = An { $email } einen Link senden, mit dem ein neues Passwort festgelegt werden kann. Das aktuelle Passwort funktioniert weiter, bis der Link verwendet wird.
member-reset = Link zum Zurücksetzen senden
member-notice-reset = Ein Link zum Zurücksetzen des Passworts ist unterwegs.
member-error-inactive = Diese Person ist deaktiviert: Reaktivieren Sie sie zuerst.

## Die Angaben zum Unternehmen in den Unternehmenseinstellungen.

company-details-heading = Unternehmensdaten
company-details-kept = Diese Angaben pflegt Ihr IT-Dienstleister. Ist etwas nicht mehr aktuell? Teilen Sie es ihm mit, er korrigiert es dann.
company-details-edit-hint = Ihr IT-Dienstleister wird über jede Änderung informiert.
company-details-phone = Telefon
company-details-email = E-Mail
company-details-website = Website
company-details-address = Rechnungsadresse
company-details-line1 = Straße und Hausnummer
company-details-line2 = Adresszusatz
company-details-postal-code = Postleitzahl
company-details-city = Ort
company-details-region = Region oder Bundesland
company-details-country = Land
company-details-save = Unternehmensdaten speichern
company-details-not-on-file = Nicht hinterlegt
company-details-error-phone = Diese Telefonnummer ist zu lang oder enthält unzulässige Zeichen.
company-details-error-email = Geben Sie eine E-Mail-Adresse ein, z. B. accounts@example.com.
company-details-error-website = Geben Sie eine Webadresse ein, z. B. https://www.example.com.
company-details-error-line = Diese Zeile ist zu lang oder enthält unzulässige Zeichen.
company-notice-details = Die Unternehmensdaten wurden gespeichert, und Ihr IT-Dienstleister wurde informiert.
company-notice-details-unchanged = An den Unternehmensdaten wurde nichts geändert.
company-event-company-updated = Unternehmensdaten geändert
