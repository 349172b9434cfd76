## Graf zależności zadań projektu (SVG) i jego tekstowa alternatywa.

project-graph-title = Zależności zadań
project-graph-desc = { $tasks ->
    [one] Jedno zadanie połączone
    [few] { $tasks } zadania połączone
    [many] { $tasks } zadań połączonych
   *[other] { $tasks } zadania połączonego
} { $links ->
    [one] jedną zależnością
    [few] { $links } zależnościami
    [many] { $links } zależnościami
   *[other] { $links } zależności
}, czytane od lewej do prawej: każda strzałka prowadzi od zadania do zadania, które na nie czeka. Pogrubione obramowanie oznacza najdłuższy łańcuch, a przerywane — zadania uwikłane w pętlę zależności. Te same informacje podano poniżej w formie tekstu.
project-graph-node-done = Ukończone
project-graph-node-blocked-by = Zablokowane przez: { $names }
project-graph-node-blocks = Blokuje: { $names }
project-graph-node-critical = W najdłuższym łańcuchu
project-graph-node-cycle = Część pętli zależności
project-graph-text-chain = { $count ->
    [one] Najdłuższy łańcuch (jedno zadanie):
    [few] Najdłuższy łańcuch ({ $count } zadania):
    [many] Najdłuższy łańcuch ({ $count } zadań):
   *[other] Najdłuższy łańcuch ({ $count } zadania):
}
project-graph-text-cycle = Te zadania zależą od siebie nawzajem w pętli:
project-graph-text-cycle-fix = To błąd w planie projektu; musi go poprawić Twój dostawca usług.
project-graph-text-list = Zależności poszczególnych zadań
project-graph-text-done = (ukończone)
project-graph-text-depends-on = zależy od:
project-graph-text-blocks = blokuje:
