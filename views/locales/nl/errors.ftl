## Foutpagina's. Vermeld hier nooit interne details: deze teksten zijn voor iedereen zichtbaar.

error-status = Fout { $code }
error-home-link = Naar de startpagina
error-bad-request-title = Ongeldig verzoek
error-bad-request-body = Het verzoek kon niet worden begrepen. Controleer het adres of ga terug en probeer het opnieuw.
error-forbidden-title = Toegang geweigerd
error-forbidden-body = U hebt geen toestemming om deze pagina te bekijken.
error-not-found-title = Pagina niet gevonden
error-not-found-body = De pagina die u zocht, bestaat niet of is verplaatst.
error-method-not-allowed-title = Actie niet toegestaan
error-method-not-allowed-body = Deze pagina kan niet op die manier worden gebruikt. Ga terug en probeer het opnieuw.
error-payload-too-large-title = Verzoek te groot
error-payload-too-large-body = Wat u hebt verstuurd, is groter dan dit portaal accepteert. Probeer het opnieuw met minder gegevens.
error-too-many-requests-title = Te veel verzoeken
error-too-many-requests-body = U hebt in korte tijd te veel verzoeken gedaan. Wacht even en probeer het opnieuw.
error-internal-title = Er is iets misgegaan
error-internal-body = Er is aan onze kant een onverwachte fout opgetreden. Probeer het later opnieuw.
error-unavailable-title = Tijdelijk niet beschikbaar
error-unavailable-body = Het portaal is tijdelijk niet beschikbaar. Probeer het zo meteen opnieuw.
