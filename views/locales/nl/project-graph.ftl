## De afhankelijkheidsgrafiek van de taken van een project (SVG) en het tekstalternatief ervan.

project-graph-title = Taakafhankelijkheden
project-graph-desc = { $tasks ->
    [one] Eén taak
   *[other] { $tasks } taken
} verbonden door { $links ->
    [one] één afhankelijkheid
   *[other] { $links } afhankelijkheden
}, te lezen van links naar rechts: elke pijl wijst van een taak naar een taak die erop wacht. Dikke randen markeren de langste keten; gestippelde randen markeren taken die in een afhankelijkheidslus zitten. Dezelfde informatie volgt hieronder als tekst.
project-graph-node-done = Klaar
project-graph-node-blocked-by = Geblokkeerd door: { $names }
project-graph-node-blocks = Blokkeert: { $names }
project-graph-node-critical = Op de langste keten
project-graph-node-cycle = Onderdeel van een afhankelijkheidslus
project-graph-text-chain = { $count ->
    [one] Langste keten (één taak):
   *[other] Langste keten ({ $count } taken):
}
project-graph-text-cycle = Deze taken zijn in een lus van elkaar afhankelijk:
project-graph-text-cycle-fix = Dit is een fout in de projectplanning; uw dienstverlener moet die oplossen.
project-graph-text-list = Afhankelijkheden per taak
project-graph-text-done = (klaar)
project-graph-text-depends-on = hangt af van:
project-graph-text-blocks = blokkeert:
