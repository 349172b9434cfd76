## De pagina op de hoofddomeinnaam die de gebruiker doorstuurt naar het eigen portaaladres van de organisatie.

handoff-title = U wordt aangemeld
handoff-heading = U wordt aangemeld bij { $name }
handoff-body = Een ogenblik, we ronden uw aanmelding af.
handoff-continue = Doorgaan
handoff-no-script = Gebeurt er niets? Kies dan Doorgaan.

## Als de doorverwijzing niet kan worden gebruikt.

handoff-failed-title = Aanmeldlink ongeldig
handoff-failed-heading = Deze aanmeldlink kan niet worden gebruikt
handoff-failed-expired = De link is verlopen of al gebruikt. Aanmeldlinks werken één keer en maar korte tijd.
handoff-failed-domain = Deze aanmeldlink is gemaakt voor een ander adres.
handoff-failed-unavailable = Op dit portaaladres kunt u zich nog niet aanmelden.
handoff-failed-dns = Dit portaaladres is nog niet goed ingesteld. Probeer het later opnieuw of neem contact op met uw dienstverlener.
handoff-failed-error = Er is iets misgegaan bij het aanmelden. Probeer het opnieuw.
handoff-failed-link = Voor uw veiligheid accepteert dit adres geen aanmeldlinks. Meld u opnieuw aan om verder te gaan.
handoff-failed-origin = Deze aanmelding kwam niet van de aanmeldpagina en is daarom niet geaccepteerd. Meld u opnieuw aan om verder te gaan.
handoff-failed-unfinished = Deze aanmelding kon in deze browser niet worden afgerond. Meld u opnieuw aan om verder te gaan.
handoff-failed-retry = Opnieuw aanmelden
