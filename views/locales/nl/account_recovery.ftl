## Gedeeld door de formulieren die een e-mail aanvragen.

recovery-email-label = E-mailadres
recovery-back-to-sign-in = Terug naar aanmelden
recovery-forgot-link = Wachtwoord vergeten?
recovery-error-csrf = Dit formulier is verlopen. Probeer het opnieuw.
recovery-error-email-missing = Vul uw e-mailadres in.
recovery-error-too-many = Te veel aanvragen voor dit adres of vanaf dit netwerk. Probeer het later opnieuw.
recovery-error-unavailable = Dit is tijdelijk niet beschikbaar. Probeer het zo meteen opnieuw.

## Wachtwoord vergeten: een resetlink aanvragen.

forgot-title = Wachtwoord opnieuw instellen
forgot-heading = Uw wachtwoord opnieuw instellen
forgot-intro = Vul het e-mailadres in van uw account op het klantenportaal van { $name }. We sturen u een e-mail met een link om een nieuw wachtwoord te kiezen.
forgot-submit = Stuur mij een resetlink
forgot-sent-title = Controleer uw e-mail
forgot-sent-heading = Controleer uw e-mail
forgot-sent-body = Als dat adres bij een account van dit portaal hoort, hebben we er een link naartoe gestuurd om een nieuw wachtwoord te kiezen. De link werkt één keer en verloopt over { $minutes } minuten.
forgot-sent-help = Na een paar minuten nog niets ontvangen? Kijk in uw spammap, controleer of u het adres van uw account hebt ingevuld, of vraag het uw dienstverlener.

## Een nieuw wachtwoord instellen via een resetlink.

reset-title = Kies een nieuw wachtwoord
reset-heading = Kies een nieuw wachtwoord voor { $name }
reset-intro = Uw nieuwe wachtwoord vervangt het oude, en alle sessies van uw account worden afgemeld.
reset-password-label = Nieuw wachtwoord
reset-confirm-label = Nieuw wachtwoord herhalen
reset-hint = Minstens 12 tekens. Een paar woorden die niets met elkaar te maken hebben, vormen een sterk wachtwoord dat u makkelijk onthoudt.
reset-submit = Nieuw wachtwoord instellen
reset-done-title = Wachtwoord gewijzigd
reset-done-heading = Uw wachtwoord is gewijzigd
reset-done-body = Uw nieuwe wachtwoord is ingesteld en alle sessies van uw account zijn afgemeld. Meld u aan met het nieuwe wachtwoord.
reset-done-sign-in = Aanmelden
reset-invalid-title = Deze link kan niet worden gebruikt
reset-invalid-heading = Deze link kan niet worden gebruikt
reset-invalid-body = De link om uw wachtwoord opnieuw in te stellen is verlopen, al gebruikt of vervangen door een nieuwere. Vraag een nieuwe link aan om verder te gaan.
reset-invalid-action = Nieuwe link aanvragen

## Waarom een nieuw wachtwoord is geweigerd.


## Uw organisatie zoeken: de aanmeldpagina zonder organisatie.

find-org-title = Uw organisatie zoeken
find-org-heading = Het portaal van uw organisatie zoeken
find-org-intro = Gebruik om u aan te melden de portaallink die u van uw dienstverlener hebt gekregen. Kunt u die niet vinden? Vul uw e-mailadres in, dan sturen we u de aanmeldlinks van alle organisaties waar u een account op het klantenportaal hebt.
find-org-submit = Stuur mij mijn aanmeldlinks
find-org-help = U kunt uw dienstverlener ook vragen om de portaallink opnieuw te sturen.
find-org-sent-title = Controleer uw e-mail
find-org-sent-heading = Controleer uw e-mail
find-org-sent-body = Als er accounts op het klantenportaal bij dat adres horen, hebben we er de aanmeldlinks naartoe gestuurd.
