## Strona głównego hosta, która przekierowuje użytkownika pod własny adres portalu jego organizacji.

handoff-title = Trwa logowanie
handoff-heading = Trwa logowanie do portalu { $name }
handoff-body = Chwileczkę, kończymy logowanie.
handoff-continue = Dalej
handoff-no-script = Jeśli nic się nie dzieje, wybierz „Dalej”.

## Gdy nie można użyć przekierowania.

handoff-failed-title = Nieprawidłowy link do logowania
handoff-failed-heading = Nie można użyć tego linku do logowania
handoff-failed-expired = Link wygasł lub został już użyty. Linki do logowania działają tylko raz i przez krótki czas.
handoff-failed-domain = Ten link do logowania został utworzony dla innego adresu.
handoff-failed-unavailable = Ten adres portalu nie jest jeszcze gotowy do logowania.
handoff-failed-dns = Ten adres portalu nie jest jeszcze poprawnie skonfigurowany. Spróbuj ponownie później lub skontaktuj się ze swoim dostawcą usług.
handoff-failed-error = Podczas logowania coś poszło nie tak. Spróbuj ponownie.
handoff-failed-link = Ze względów bezpieczeństwa ten adres nie akceptuje linków do logowania. Aby kontynuować, zaloguj się ponownie.
handoff-failed-origin = To logowanie nie zostało rozpoczęte na stronie logowania, dlatego nie zostało zaakceptowane. Aby kontynuować, zaloguj się ponownie.
handoff-failed-unfinished = Nie udało się dokończyć logowania w tej przeglądarce. Aby kontynuować, zaloguj się ponownie.
handoff-failed-retry = Zaloguj się ponownie
