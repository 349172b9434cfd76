## Profiel → Beveiliging.

security-title = Beveiliging
security-intro = Beheer hoe u zich aanmeldt en waar u bent aangemeld.
security-two-factor-heading = Tweestapsverificatie
security-two-factor-on = Tweestapsverificatie staat aan sinds
security-two-factor-off = Tweestapsverificatie staat uit. Zet ze aan, zodat een gestolen wachtwoord niet volstaat om zich als u aan te melden.
security-two-factor-codes-left = { $count ->
    [one] U hebt nog 1 ongebruikte herstelcode.
   *[other] U hebt nog { $count } ongebruikte herstelcodes.
}
security-two-factor-set-up = Tweestapsverificatie instellen
security-two-factor-disable-heading = Tweestapsverificatie uitzetten
security-two-factor-disable = Tweestapsverificatie uitzetten
security-password-heading = Wachtwoord wijzigen
security-current-password = Huidig wachtwoord
security-new-password = Nieuw wachtwoord
security-confirm-password = Nieuw wachtwoord herhalen
security-password-rules = 12 tot 128 tekens. Een paar woorden die niets met elkaar te maken hebben, vormen een sterk wachtwoord; vermijd uw naam en e-mailadres.
security-sign-out-others = Mijn andere sessies afmelden
security-change-password = Wachtwoord wijzigen
security-sessions-heading = Waar u bent aangemeld
security-sessions-intro = Op deze apparaten bent u aangemeld bij uw account. Herkent u er een niet? Meld het af en wijzig uw wachtwoord.
security-session-device = Apparaat
security-session-ip = IP-adres
security-session-method = Aanmeldmethode
security-session-signed-in = Aangemeld
security-session-last-active = Laatst actief
security-session-current = Dit apparaat
security-session-revoke = Afmelden
security-session-unknown = Onbekend
security-revoke-others-heading = Overal elders afmelden
security-revoke-others-proof = Bevestig met uw wachtwoord of een verificatiecode.
security-revoke-others = Alle andere sessies afmelden
security-password-or-code = Wachtwoord of verificatiecode
security-enroll-cancel = Annuleren
security-codes-back = Terug naar Beveiliging
security-notice-password-changed = { $count ->
    [0] Uw wachtwoord is gewijzigd.
    [one] Uw wachtwoord is gewijzigd en 1 andere sessie is afgemeld.
   *[other] Uw wachtwoord is gewijzigd en { $count } andere sessies zijn afgemeld.
}
security-notice-two-factor-on = Tweestapsverificatie staat nu aan.
security-notice-two-factor-off = Tweestapsverificatie staat nu uit.
security-notice-session-revoked = De sessie is afgemeld.
security-notice-others-revoked = { $count ->
    [one] 1 andere sessie is afgemeld.
   *[other] { $count } andere sessies zijn afgemeld.
}
security-error-wrong-password = Het wachtwoord is niet juist.
security-error-mismatch = De twee nieuwe wachtwoorden komen niet overeen.
security-error-missing = Vul het nieuwe wachtwoord twee keer in.
security-error-too-short = Het wachtwoord moet minstens 12 tekens lang zijn.
security-error-too-long = Het wachtwoord mag hoogstens 128 tekens lang zijn.
security-error-contains-email = Het wachtwoord mag uw e-mailadres niet bevatten.
security-error-contains-name = Het wachtwoord mag uw naam niet bevatten.
security-error-too-weak = Dit wachtwoord is te makkelijk te raden. Probeer een paar woorden die niets met elkaar te maken hebben.
security-error-needs-proof = Vul uw wachtwoord of een geldige verificatiecode in.
security-error-csrf = Het formulier is verlopen. Probeer het opnieuw.
security-error-unavailable = Dit is tijdelijk niet beschikbaar. Probeer het zo meteen opnieuw.
security-error-throttled = { $minutes ->
    [one] Te veel onjuiste wachtwoorden of codes, probeer het over 1 minuut opnieuw.
   *[other] Te veel onjuiste wachtwoorden of codes, probeer het over { $minutes } minuten opnieuw.
}
security-method-password = Wachtwoord
security-method-password-totp = Wachtwoord en authenticatorcode
security-method-password-recovery = Wachtwoord en herstelcode

## Aanmeldmethoden via single sign-on, en de gekoppelde identiteiten.

security-method-oidc = Single sign-on
security-method-oidc-totp = Single sign-on en authenticatorcode
security-method-oidc-recovery = Single sign-on en herstelcode
security-identities-heading = Single sign-on
security-identities-intro = Met deze accounts bij de identiteitsproviders van uw organisatie kunt u zich aanmelden bij dit portaalaccount. Verwijdert u er een, dan kunt u zich daarmee hier niet meer aanmelden; meldt u zich er later opnieuw mee aan, dan wordt het weer gekoppeld als het e-mailadres overeenkomt.
security-identity-provider = Provider
security-identity-email = E-mail bij de provider
security-identity-linked = Gekoppeld
security-identity-last-used = Laatst gebruikt
security-identity-unlink = Verwijderen
security-notice-identity-unlinked = De single sign-on-identiteit is van uw account verwijderd.
