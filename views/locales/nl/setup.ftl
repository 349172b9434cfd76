## Een account instellen via een uitnodiging.

setup-title = Uw account instellen
setup-heading = Uw account op het portaal van { $name } instellen
setup-who = U stelt het portaalaccount in van { $name } ({ $email }) bij { $company }.
setup-role-admin = U wordt beheerder van het portaal van uw bedrijf.
setup-role-finance = U beheert de facturatie van uw bedrijf in het portaal.
setup-submit = Wachtwoord instellen en aanmelden
setup-expired-heading = Deze uitnodiging is verlopen
setup-expired-body = Uitnodigingslinks zijn beperkt geldig. Vraag hieronder een nieuwe aan; die wordt naar het uitgenodigde e-mailadres gestuurd.
setup-used-heading = Deze uitnodiging is al gebruikt
setup-used-body = Het account is al ingesteld. Meld u aan met uw e-mailadres en wachtwoord, of stel uw wachtwoord opnieuw in als u het bent vergeten.
setup-invalid-heading = Deze uitnodigingslink werkt niet
setup-invalid-body = De link is onvolledig of is vervangen door een nieuwere uitnodiging. Gebruik de meest recente uitnodigingsmail, of vraag de portaalbeheerder van uw bedrijf om u opnieuw uit te nodigen.
setup-request-new = Stuur mij een nieuwe uitnodiging
setup-requested = Als de uitnodiging kan worden vernieuwd, is er een nieuwe link onderweg naar het uitgenodigde e-mailadres.
setup-sign-in = Naar aanmelden

## Het onderdeel uitnodigingen op de bedrijfspagina.

setup-invite-heading = Mensen uitnodigen
setup-invite-intro = Contactpersonen van uw bedrijf die nog geen portaalaccount hebben. Met een uitnodiging krijgen ze een e-mail met een link om hun wachtwoord in te stellen; die link werkt één keer.
setup-invite-none = Alle contactpersonen van uw bedrijf hebben een portaalaccount.
setup-invite-pending = Uitgenodigd, link geldig tot
setup-invite-send = Uitnodigen
setup-invite-resend = Nieuwe link versturen
setup-invite-sent = Er is een uitnodiging verstuurd naar { $email }.
setup-invite-name = Naam
setup-invite-email = E-mail
setup-invite-status = Status
setup-invite-not-invited = Niet uitgenodigd
