## Profiel → Profiel: de kaart ‘E-mailadres’ (het e-mailadres voor aanmelding wijzigen).

email-change-heading = E-mailadres
email-change-current = E-mailadres voor aanmelding
email-change-intro = U meldt zich aan met dit adres, en uw dienstverlener schrijft u op dit adres. Om het te wijzigen, vult u het nieuwe adres en uw huidige wachtwoord in: we sturen een bevestigingslink naar het nieuwe adres en brengen het huidige adres op de hoogte. Er verandert niets tot u de link opent.
email-change-new-email = Nieuw e-mailadres
email-change-current-password = Huidig wachtwoord
email-change-submit = Bevestigingslink versturen
email-change-sso-only = U meldt zich aan via de identiteitsprovider van uw organisatie, dus uw adres wordt daar beheerd. Vraag uw IT-afdeling of uw dienstverlener om het te wijzigen.
email-change-pending = Bevestiging verstuurd naar { $email } — kijk in uw inbox. De link werkt één keer, tot { $when }. Uw e-mailadres voor aanmelding blijft { $current } tot u de link opent.
email-change-resend = Link opnieuw versturen
email-change-cancel = Wijziging annuleren
email-change-resent = We hebben een nieuwe bevestigingslink naar { $email } gestuurd; de vorige werkt niet meer.
email-change-cancelled = De wijziging is geannuleerd; de bevestigingslink werkt niet meer.
email-change-nothing-pending = Er wachtte geen wijziging op bevestiging.
email-change-fix = Controleer het formulier voor het e-mailadres; er is niets opgeslagen of verstuurd.
email-change-error-missing = Vul het nieuwe e-mailadres in.
email-change-error-malformed = Vul een e-mailadres in, zoals name@example.com.
email-change-error-same = Dit is al uw e-mailadres voor aanmelding.
email-change-error-taken = Een andere gebruiker van dit portaal meldt zich al aan met dit adres.
email-change-error-wrong-password = Het wachtwoord is niet juist.
email-change-error-too-many = Er zijn de laatste tijd te veel bevestigingslinks aangevraagd. Probeer het later opnieuw.
email-change-error-no-password = Uw adres wordt beheerd door uw identiteitsprovider; het kan hier niet worden gewijzigd.
email-change-error-unavailable = Dit is tijdelijk niet beschikbaar. Probeer het zo meteen opnieuw.

## De pagina's van de bevestigingslink.

email-change-confirm-title = Bevestig uw nieuwe e-mailadres
email-change-confirm-heading = Bevestig uw nieuwe e-mailadres
email-change-confirm-body = Klik op de knop om u voortaan met { $email } aan te melden bij het klantenportaal van { $tenant }. Uw andere sessies worden afgemeld.
email-change-confirm-submit = Mijn nieuwe e-mailadres bevestigen
email-change-done-title = E-mailadres gewijzigd
email-change-done-heading = Uw e-mailadres is gewijzigd
email-change-done-body = Meld u voortaan aan met { $email }. Uw wachtwoord en instellingen voor tweestapsverificatie blijven hetzelfde; uw andere sessies zijn afgemeld.
email-change-done-profile = Terug naar mijn profiel
email-change-done-sign-in = Aanmelden
email-change-invalid-title = Deze link kan niet worden gebruikt
email-change-invalid-heading = Deze link kan niet worden gebruikt
email-change-invalid-body = De bevestigingslink is verlopen, al gebruikt, vervangen of geannuleerd. Uw e-mailadres is niet gewijzigd. U kunt via uw profiel een nieuwe link aanvragen.
email-change-taken-title = Dit adres is al in gebruik
email-change-taken-heading = Dit adres kan niet worden gebruikt
email-change-taken-body = Een andere gebruiker van dit portaal meldt zich nu aan met { $email }, dus uw e-mailadres is niet gewijzigd. Kies via uw profiel een ander adres.
email-change-to-profile = Naar mijn profiel

## E-mails: de bevestigingslink (naar het nieuwe adres) en de melding (naar het huidige adres).

email-change-confirm-subject = Bevestig uw nieuwe e-mailadres voor het portaal van { $tenant }
email-change-confirm-intro = Iemand, hopelijk u, heeft gevraagd om dit adres ({ $new }) te gebruiken om zich aan te melden bij het klantenportaal van { $tenant }, in plaats van { $old }.
email-change-confirm-action = Mijn nieuwe e-mailadres bevestigen
email-change-confirm-expiry = De link werkt één keer en verloopt op { $when }. Zolang hij niet is gebruikt, verandert er niets.
email-change-confirm-ignore = Hebt u hier niet om gevraagd? Negeer dan deze e-mail: het adres wordt niet gewijzigd.
email-change-notice-subject = Er is een nieuw e-mailadres aangevraagd voor uw account op het portaal van { $tenant }
email-change-notice-body = Op { $when } heeft iemand die aangemeld was op uw account van het klantenportaal van { $tenant } gevraagd om het e-mailadres te wijzigen van { $old } in { $new }. Er is een bevestigingslink naar het nieuwe adres gestuurd; er verandert niets zolang die niet wordt geopend.
email-change-notice-ip = Het verzoek kwam van het IP-adres { $ip }.
email-change-notice-not-you = Was u dit niet? Meld u dan aan, annuleer de wijziging op uw profielpagina, wijzig meteen uw wachtwoord en breng { $tenant } op de hoogte.
email-change-notice-action = Mijn profiel openen
