## E-mails: gedeelde onderdelen.

email-greeting = Beste { $name },
email-greeting-anonymous = Goedendag,
email-signature = { $name }
email-automated = Deze e-mail is automatisch verstuurd door het klantenportaal. Antwoorden worden niet gelezen.

## Link om het wachtwoord opnieuw in te stellen.

email-reset-subject = Stel uw wachtwoord voor het portaal van { $tenant } opnieuw in
email-reset-intro = Iemand, hopelijk u, heeft gevraagd om het wachtwoord van uw account op het klantenportaal van { $tenant } opnieuw in te stellen.
email-reset-action = Nieuw wachtwoord instellen
email-reset-expiry = De link werkt één keer en verloopt over { $minutes } minuten.
email-reset-ignore = Hebt u hier niet om gevraagd? Negeer dan deze e-mail: uw wachtwoord blijft ongewijzigd.

## Melding dat een wachtwoord is gewijzigd.

email-changed-subject = Uw wachtwoord voor het portaal van { $tenant } is gewijzigd
email-changed-body = Het wachtwoord van uw account op het klantenportaal van { $tenant } is gewijzigd op { $when }.
email-changed-ip = De wijziging is gedaan vanaf het IP-adres { $ip }.
email-changed-signed-out = Alle sessies van uw account zijn afgemeld.
email-changed-not-you = Was u dit niet? Vraag dan meteen via de link hieronder een nieuwe wachtwoordreset aan en breng { $tenant } op de hoogte.
email-changed-action = Mijn wachtwoord opnieuw instellen

## Uw organisatie zoeken: de aanmeldlinks van alle organisaties met een account.

email-discovery-subject = Uw aanmeldlinks voor het klantenportaal
email-discovery-intro = U hebt gevraagd bij welke klantenportalen { $email } zich kan aanmelden. Dit zijn de aanmeldlinks:
email-discovery-ignore = Hebt u hier niet om gevraagd? Dan kunt u deze e-mail negeren.

## Uitnodiging om een account in te stellen.

email-invitation-subject = U bent uitgenodigd voor het klantenportaal van { $tenant }
email-invitation-intro = { $tenant } nodigt u uit voor het klantenportaal, waar u uw tickets, projecten en facturen kunt volgen.
email-invitation-action = Mijn account instellen
email-invitation-expiry = De link werkt één keer en verloopt op { $when }.
email-invitation-ignore = Had u deze uitnodiging niet verwacht? Negeer dan deze e-mail.

## Aan de beheerders van een bedrijf: een collega heeft gevraagd het eigen portaalaccount te verwijderen.

email-deletion-subject = { $who } heeft verwijdering van het eigen portaalaccount aangevraagd
email-deletion-body = { $who } heeft { $tenant } op { $when } via het eigen profiel gevraagd om het portaalaccount te verwijderen.
email-deletion-next = { $tenant } beslist hierover en handelt het af. Tot dan blijft het account zoals het is; u kunt het zelf meteen deactiveren via de bedrijfsinstellingen.
email-deletion-action = De pagina van deze persoon openen in de bedrijfsinstellingen
