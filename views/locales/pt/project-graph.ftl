## O gráfico de dependências entre as tarefas de um projeto (SVG) e a respetiva alternativa em texto.

project-graph-title = Dependências entre tarefas
project-graph-desc = { $tasks ->
    [one] Uma tarefa ligada
   *[other] { $tasks } tarefas ligadas
} por { $links ->
    [0] nenhuma dependência
    [one] uma dependência
   *[other] { $links } dependências
}. O gráfico lê-se da esquerda para a direita: cada seta vai de uma tarefa para outra que depende dela. Os contornos grossos assinalam a cadeia mais longa; os contornos tracejados assinalam tarefas presas num ciclo de dependências. A mesma informação é apresentada a seguir em texto.
project-graph-node-done = Concluída
project-graph-node-blocked-by = Bloqueada por: { $names }
project-graph-node-blocks = Bloqueia: { $names }
project-graph-node-critical = Na cadeia mais longa
project-graph-node-cycle = Faz parte de um ciclo de dependências
project-graph-text-chain = { $count ->
    [one] Cadeia mais longa (uma tarefa):
   *[other] Cadeia mais longa ({ $count } tarefas):
}
project-graph-text-cycle = Estas tarefas dependem umas das outras em ciclo:
project-graph-text-cycle-fix = Trata-se de um erro no plano do projeto; o seu prestador de serviços tem de o corrigir.
project-graph-text-list = Dependências de cada tarefa
project-graph-text-done = (concluída)
project-graph-text-depends-on = depende de:
project-graph-text-blocks = bloqueia:
