## De tweede stap van het aanmelden.

two-factor-title = Tweestapsverificatie
two-factor-heading = Hallo { $name }, bevestig dat u het bent
two-factor-intro = Vul de zescijferige code uit uw authenticator-app in.
two-factor-code-label = Code
two-factor-code-hint = Apparaat kwijt? Vul dan een van uw herstelcodes in.
two-factor-submit = Verifiëren

## Instellen (bij het aanmelden als het verplicht is, of vanaf de pagina Beveiliging).

two-factor-enroll-title = Tweestapsverificatie instellen
two-factor-enroll-heading = Tweestapsverificatie instellen
two-factor-enroll-required = Uw organisatie verplicht tweestapsverificatie. Stel die in om verder te gaan.
two-factor-enroll-step-scan = 1. Scan deze QR-code met een authenticator-app (bijvoorbeeld Google Authenticator, Microsoft Authenticator of 1Password).
two-factor-enroll-qr-label = QR-code voor uw authenticator-app
two-factor-enroll-secret-label = Lukt scannen niet? Vul dan deze sleutel in:
two-factor-enroll-step-confirm = 2. Vul ter bevestiging de zescijferige code in die de app toont.
two-factor-enroll-submit = Tweestapsverificatie aanzetten

## Herstelcodes, één keer getoond.

two-factor-codes-title = Uw herstelcodes
two-factor-codes-heading = Bewaar uw herstelcodes
two-factor-codes-intro = Met elke code kunt u zich één keer aanmelden als u uw authenticator kwijt bent. Bewaar ze op een veilige plek: ze worden niet opnieuw getoond.
two-factor-codes-continue = Ik heb ze bewaard, doorgaan

## Fouten.

two-factor-error-invalid = Die code is ongeldig. Controleer de tijd op uw apparaat en probeer het opnieuw.
two-factor-error-replay = Die code is al gebruikt. Wacht op de volgende code en probeer het opnieuw.
two-factor-error-expired = Uw aanmelding duurde te lang of is al afgerond.
two-factor-error-setup-expired = Deze instelling is verlopen. Scan de nieuwe code hieronder en vul dan de code in die de app toont.
two-factor-error-csrf = Het formulier is verlopen. Probeer het opnieuw.
two-factor-error-unavailable = Tweestapsverificatie is tijdelijk niet beschikbaar. Probeer het zo meteen opnieuw.
two-factor-expired-heading = Meld u opnieuw aan
two-factor-expired-body = Voor uw veiligheid moet de tweede stap van een aanmelding binnen enkele minuten na de eerste volgen.
two-factor-expired-link = Naar aanmelden
two-factor-error-throttled = { $minutes ->
    [one] Te veel mislukte aanmeldpogingen, probeer het over 1 minuut opnieuw.
   *[other] Te veel mislukte aanmeldpogingen, probeer het over { $minutes } minuten opnieuw.
}
