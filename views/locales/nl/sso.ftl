## Single sign-on: de knoppen op de aanmeldpagina.

sso-sign-in-with = Aanmelden met { $provider }
sso-or-password = of gebruik uw e-mailadres en wachtwoord
sso-only-intro = Uw organisatie meldt zich aan via haar identiteitsprovider.

## Als een aanmelding via een identiteitsprovider mislukt.

sso-failed-title = Aanmelden mislukt
sso-failed-heading = We konden u niet aanmelden met { $provider }
sso-failed-unreachable = { $provider } was niet bereikbaar. Probeer het over een paar minuten opnieuw.
sso-failed-denied = De aanmelding is bij { $provider } geannuleerd, dus u bent niet aangemeld.
sso-failed-state = Deze aanmelding is verlopen of al gebruikt. Begin opnieuw vanaf de aanmeldpagina.
sso-failed-token = { $provider } stuurde een antwoord dat we niet konden verifiëren, dus u bent niet aangemeld. Probeer het opnieuw; blijft dit gebeuren, neem dan contact op met uw dienstverlener.
sso-failed-no-email = { $provider } heeft uw e-mailadres niet gedeeld, en dat hebben we nodig om uw account te vinden.
sso-failed-unverified = { $provider } heeft uw e-mailadres niet geverifieerd. Verifieer het daar en probeer het dan opnieuw.
sso-failed-domain = Uw organisatie staat uw e-mailadres niet toe om u aan te melden met { $provider }.
sso-failed-no-user = Er is geen portaalaccount voor deze identiteit bij { $provider }. Vraag de portaalbeheerder van uw bedrijf om een uitnodiging.
sso-failed-inactive = Uw portaalaccount is niet actief. Neem contact op met uw dienstverlener.
sso-failed-internal = Deze aanmelding is voor klanten. Medewerkersaccounts kunnen het klantenportaal niet gebruiken.
sso-failed-unknown-provider = Deze aanmeldoptie is niet beschikbaar voor uw organisatie.
sso-failed-unavailable = Er is iets misgegaan bij het aanmelden. Probeer het opnieuw.
sso-failed-reference = Referentie: { $reference }
sso-failed-retry = Terug naar aanmelden
sso-failed-throttled = { $minutes ->
    [one] Er zijn te veel aanmeldingen gestart vanaf uw netwerk. Probeer het over { $minutes } minuut opnieuw.
   *[other] Er zijn te veel aanmeldingen gestart vanaf uw netwerk. Probeer het over { $minutes } minuten opnieuw.
}
