## Bedrijfsinstellingen (beheerders bij de klant).

company-title = Bedrijf
company-heading = { $company }
company-intro = De portaalgebruikers van uw bedrijf, waar ze zijn aangemeld en hun recente aanmeldingen.
company-users-heading = Portaalgebruikers
company-user-name = Naam
company-user-email = E-mail
company-user-role = Rol
company-user-two-factor = Tweestapsverificatie
company-user-last-sign-in = Laatste aanmelding
company-user-sessions = Actieve sessies
company-role-admin = Beheerder
company-role-finance = Financiën
company-role-user = Gebruiker
company-inactive = Inactief
company-yes = Aan
company-no = Uit
company-never = Nooit
company-sign-out-user = Overal afmelden
company-sessions-heading = Actieve sessies
company-sessions-none = Er is op dit moment niemand van uw bedrijf aangemeld.
company-session-user = Gebruiker
company-session-device = Apparaat
company-session-ip = IP-adres
company-session-method = Aanmeldmethode
company-session-last-active = Laatst actief
company-session-revoke = Afmelden
company-session-yours = U, hier
company-events-heading = Recente aanmeldingen en accountwijzigingen
company-events-none = Nog geen aanmeldingen.
company-event-time = Wanneer
company-event-who = E-mail
company-event-outcome = Resultaat
company-event-ip = IP-adres
company-outcome-success = Aangemeld
company-outcome-failure = Mislukt
company-outcome-second-factor = Wachtwoord juist, tweede stap gevraagd
company-notice-session = De sessie is afgemeld.
company-notice-user = { $count ->
    [one] 1 sessie is afgemeld.
   *[other] { $count } sessies zijn afgemeld.
}
company-unknown = Onbekend
company-manage-user = Beheren
company-event-two-factor = Verplichting tot tweestapsverificatie gewijzigd
company-two-factor-heading = Tweestapsverificatie voor iedereen
company-two-factor-require = Tweestapsverificatie verplichten voor iedereen in uw bedrijf
company-two-factor-hint = Wie ze nog niet gebruikt, stelt ze in bij de volgende aanmelding. Voor wie ze al gebruikt, verandert er niets.
company-two-factor-save = Opslaan
company-notice-two-factor = Opgeslagen: de verplichting tot tweestapsverificatie geldt vanaf ieders volgende aanmelding.
company-event-role-changed = Rol gewijzigd door een beheerder
company-event-deactivated = Gedeactiveerd door een beheerder
company-event-reactivated = Opnieuw geactiveerd door een beheerder
company-event-reset-sent = Link voor een nieuw wachtwoord verstuurd door een beheerder
company-event-signed-out = Een sessie is afgemeld
company-event-profile-updated = Profiel bijgewerkt

## Eén portaalgebruiker van het bedrijf.

member-back = ← Alle portaalgebruikers
member-facts-heading = Account
member-email = E-mail
member-status = Status
member-active = Actief
member-inactive = Gedeactiveerd
member-two-factor = Tweestapsverificatie
member-last-sign-in = Laatste aanmelding
member-sessions = Actieve sessies
member-role-heading = Rol
member-role-legend = Wat deze persoon in het portaal mag doen
member-role-admin-hint = Alles, inclusief het beheer van de portaalgebruikers en instellingen van uw bedrijf.
member-role-finance-hint = Facturen, betalingen en verbruik, en daarnaast supporttickets en projecten.
member-role-user-hint = Supporttickets en projecten; geen facturatie en geen bedrijfsinstellingen.
member-role-save = Rol opslaan
member-access-heading = Toegang
member-deactivate-hint = Een gedeactiveerde persoon wordt meteen afgemeld en kan zich pas weer aanmelden na heractivering. Tickets en geschiedenis blijven bewaard.
member-deactivate = Deactiveren
member-reactivate-hint = Deze persoon is gedeactiveerd en kan zich niet aanmelden.
member-reactivate = Opnieuw activeren
member-you-hint = Dit bent u: als u de rol Beheerder opgeeft, verliest u meteen de toegang tot de bedrijfsinstellingen.
member-notice-role = De rol is gewijzigd. Die geldt vanaf de volgende pagina die deze persoon opent.
member-notice-deactivated = Gedeactiveerd: deze persoon is overal afgemeld.
member-notice-reactivated = Opnieuw geactiveerd: deze persoon kan zich weer aanmelden.
member-notice-unchanged = Er was niets gewijzigd.
member-error-last-admin = Uw bedrijf heeft minstens één actieve beheerder nodig, en dit is de enige. Maak eerst iemand anders beheerder.
member-error-conflict = Iemand anders heeft op hetzelfde moment de rol van deze persoon gewijzigd. Bekijk de rol opnieuw en probeer het nog eens.
member-error-bad-role = Kies een van de drie rollen.
member-reset-heading = Wachtwoord
member-reset-hint = Stuur { $email } een link om een nieuw wachtwoord in te stellen. Het huidige wachtwoord blijft werken tot de link wordt gebruikt.
member-reset = Link voor een nieuw wachtwoord versturen
member-notice-reset = Er is een link voor een nieuw wachtwoord onderweg.
member-error-inactive = Deze persoon is gedeactiveerd: activeer de persoon eerst opnieuw.

## De bedrijfsgegevens in de bedrijfsinstellingen.

company-details-heading = Bedrijfsgegevens
company-details-kept = Uw dienstverlener beheert deze gegevens. Klopt er iets niet meer? Laat het hen weten, dan passen zij het aan.
company-details-edit-hint = Uw dienstverlener wordt van elke wijziging op de hoogte gebracht.
company-details-phone = Telefoon
company-details-email = E-mail
company-details-website = Website
company-details-address = Factuuradres
company-details-line1 = Straat en huisnummer
company-details-line2 = Adresregel 2
company-details-postal-code = Postcode
company-details-city = Plaats
company-details-region = Regio of provincie
company-details-country = Land
company-details-save = Bedrijfsgegevens opslaan
company-details-not-on-file = Niet bekend
company-details-error-phone = Dit telefoonnummer is te lang of bevat tekens die niet kunnen worden gebruikt.
company-details-error-email = Vul een e-mailadres in, zoals accounts@example.com.
company-details-error-website = Vul een webadres in, zoals https://www.example.com.
company-details-error-line = Deze regel is te lang of bevat tekens die niet kunnen worden gebruikt.
company-notice-details = De bedrijfsgegevens zijn opgeslagen en uw dienstverlener is op de hoogte gebracht.
company-notice-details-unchanged = Er was niets gewijzigd in de bedrijfsgegevens.
company-event-company-updated = Bedrijfsgegevens gewijzigd
