## E-maile: elementy wspólne.

email-greeting = Dzień dobry, { $name },
email-greeting-anonymous = Dzień dobry,
email-signature = { $name }
email-automated = Ta wiadomość została wysłana automatycznie przez portal klienta. Odpowiedzi nie są czytane.

## Link do resetowania hasła.

email-reset-subject = Zresetuj hasło do portalu { $tenant }
email-reset-intro = Ktoś (mamy nadzieję, że Ty) poprosił o zresetowanie hasła do Twojego konta w portalu klienta { $tenant }.
email-reset-action = Ustaw nowe hasło
email-reset-expiry = Link działa tylko raz i wygasa po { $minutes } min.
email-reset-ignore = Jeśli ta prośba nie pochodzi od Ciebie, zignoruj tę wiadomość: Twoje hasło pozostanie bez zmian.

## Powiadomienie o zmianie hasła.

email-changed-subject = Hasło do portalu { $tenant } zostało zmienione
email-changed-body = Hasło do Twojego konta w portalu klienta { $tenant } zostało zmienione { $when }.
email-changed-ip = Zmiany dokonano z adresu IP { $ip }.
email-changed-signed-out = Wszystkie sesje Twojego konta zostały wylogowane.
email-changed-not-you = Jeśli to nie Ty, natychmiast poproś o ponowne zresetowanie hasła za pomocą poniższego linku i poinformuj o tym firmę { $tenant }.
email-changed-action = Zresetuj moje hasło

## Znajdź swoją organizację: linki do logowania we wszystkich organizacjach, w których jest konto.

email-discovery-subject = Twoje linki do logowania w portalach klienta
email-discovery-intro = Poproszono o listę portali klienta, do których można się zalogować adresem { $email }. Oto linki do logowania:
email-discovery-ignore = Jeśli ta prośba nie pochodzi od Ciebie, możesz zignorować tę wiadomość.

## Zaproszenie do założenia konta.

email-invitation-subject = Zaproszenie do portalu klienta { $tenant }
email-invitation-intro = Firma { $tenant } zaprasza Cię do swojego portalu klienta, w którym możesz śledzić swoje zgłoszenia, projekty i faktury.
email-invitation-action = Skonfiguruj moje konto
email-invitation-expiry = Link działa tylko raz i wygasa { $when }.
email-invitation-ignore = Jeśli nie spodziewasz się tego zaproszenia, zignoruj tę wiadomość.

## Do administratorów firmy: współpracownik poprosił o usunięcie swojego konta w portalu.

email-deletion-subject = { $who } prosi o usunięcie swojego konta w portalu
email-deletion-body = { $who } prosi firmę { $tenant } o usunięcie swojego konta w portalu (prośba wysłana z profilu: { $when }).
email-deletion-next = Firma { $tenant } podejmie decyzję i się tym zajmie. Do tego czasu konto pozostaje bez zmian; możesz je też od razu samodzielnie dezaktywować w ustawieniach firmy.
email-deletion-action = Otwórz stronę tej osoby w ustawieniach firmy
