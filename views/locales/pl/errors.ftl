## Strony błędów. Nigdy nie wspominaj tu o szczegółach wewnętrznych: te teksty widzi każdy.

error-status = Błąd { $code }
error-home-link = Przejdź do strony głównej
error-bad-request-title = Nieprawidłowe żądanie
error-bad-request-body = Nie udało się zrozumieć żądania. Sprawdź adres lub wróć i spróbuj ponownie.
error-forbidden-title = Odmowa dostępu
error-forbidden-body = Nie masz uprawnień do wyświetlenia tej strony.
error-not-found-title = Nie znaleziono strony
error-not-found-body = Szukana strona nie istnieje lub została przeniesiona.
error-method-not-allowed-title = Niedozwolona operacja
error-method-not-allowed-body = Tej strony nie można użyć w ten sposób. Wróć i spróbuj ponownie.
error-payload-too-large-title = Zbyt duże żądanie
error-payload-too-large-body = Wysłane dane są większe, niż akceptuje ten portal. Spróbuj ponownie z mniejszą ilością danych.
error-too-many-requests-title = Zbyt wiele żądań
error-too-many-requests-body = W krótkim czasie wysłano zbyt wiele żądań. Odczekaj chwilę i spróbuj ponownie.
error-internal-title = Coś poszło nie tak
error-internal-body = Po naszej stronie wystąpił nieoczekiwany błąd. Spróbuj ponownie później.
error-unavailable-title = Chwilowo niedostępne
error-unavailable-body = Portal jest chwilowo niedostępny. Spróbuj ponownie za chwilę.
