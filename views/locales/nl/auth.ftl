## Aanmeldpagina.

signin-title = Aanmelden
signin-heading = Aanmelden bij { $name }
signin-intro = Gebruik het e-mailadres en wachtwoord van uw klantaccount.
signin-email-label = E-mailadres
signin-password-label = Wachtwoord
signin-submit = Aanmelden

## Mislukte aanmeldingen, getoond in een melding boven het formulier.

signin-error-invalid-credentials = Onjuist e-mailadres of wachtwoord
signin-error-access-denied = Toegang geweigerd. Dit portaal is alleen voor klantaccounts; medewerkers van de MSP melden zich aan in de MSP-applicatie.
signin-error-missing-fields = Vul uw e-mailadres en wachtwoord in.
signin-error-csrf-failed = Uw aanmeldformulier is verlopen. Probeer het opnieuw.
signin-error-unavailable = Aanmelden is tijdelijk niet mogelijk. Probeer het zo meteen opnieuw.
signin-error-throttled = { $minutes ->
    [one] Te veel mislukte aanmeldpogingen, probeer het over { $minutes } minuut opnieuw
   *[other] Te veel mislukte aanmeldpogingen, probeer het over { $minutes } minuten opnieuw
}
signin-error-sso-only = Uw organisatie meldt zich aan via haar identiteitsprovider: gebruik de knop hierboven.

## Meldingen bij het aanmelden, getoond als statusbericht boven het formulier.

signin-notice-signed-out = U bent afgemeld.
signin-notice-session-expired = Uw sessie is verlopen. Meld u opnieuw aan.
