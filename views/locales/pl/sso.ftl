## Logowanie jednokrotne (SSO): przyciski na stronie logowania.

sso-sign-in-with = Zaloguj się przez { $provider }
sso-or-password = lub użyj adresu e-mail i hasła
sso-only-intro = Twoja organizacja loguje się przez swojego dostawcę tożsamości.

## Gdy logowanie przez dostawcę tożsamości się nie powiedzie.

sso-failed-title = Logowanie nie powiodło się
sso-failed-heading = Nie udało się zalogować Cię przez { $provider }
sso-failed-unreachable = Nie udało się połączyć z usługą { $provider }. Spróbuj ponownie za kilka minut.
sso-failed-denied = Logowanie zostało anulowane w usłudze { $provider }, więc nie nastąpiło zalogowanie.
sso-failed-state = To logowanie wygasło lub zostało już wykorzystane. Zacznij od nowa na stronie logowania.
sso-failed-token = Usługa { $provider } przesłała odpowiedź, której nie udało się zweryfikować, więc nie nastąpiło zalogowanie. Spróbuj ponownie; jeśli problem się powtarza, skontaktuj się ze swoim dostawcą usług.
sso-failed-no-email = Usługa { $provider } nie udostępniła Twojego adresu e-mail, który jest potrzebny do odnalezienia Twojego konta.
sso-failed-unverified = Usługa { $provider } nie zweryfikowała Twojego adresu e-mail. Zweryfikuj go tam, a następnie spróbuj ponownie.
sso-failed-domain = Twoja organizacja nie zezwala na logowanie przez { $provider } z Twoim adresem e-mail.
sso-failed-no-user = Nie istnieje konto w portalu dla tej tożsamości w usłudze { $provider }. Poproś administratora portalu w swojej firmie o zaproszenie.
sso-failed-inactive = Twoje konto w portalu nie jest aktywne. Skontaktuj się ze swoim dostawcą usług.
sso-failed-internal = To logowanie jest przeznaczone dla klientów. Konta pracowników nie mogą korzystać z portalu klienta.
sso-failed-unknown-provider = Ta metoda logowania nie jest dostępna dla Twojej organizacji.
sso-failed-unavailable = Podczas logowania coś poszło nie tak. Spróbuj ponownie.
sso-failed-reference = Numer referencyjny: { $reference }
sso-failed-retry = Wróć do logowania
sso-failed-throttled = { $minutes ->
    [one] Z Twojej sieci rozpoczęto zbyt wiele logowań. Spróbuj ponownie za { $minutes } minutę.
    [few] Z Twojej sieci rozpoczęto zbyt wiele logowań. Spróbuj ponownie za { $minutes } minuty.
    [many] Z Twojej sieci rozpoczęto zbyt wiele logowań. Spróbuj ponownie za { $minutes } minut.
   *[other] Z Twojej sieci rozpoczęto zbyt wiele logowań. Spróbuj ponownie za { $minutes } minuty.
}
