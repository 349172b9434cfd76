## Projetos: lista, a página de um projeto, tarefas, documentos, o cartão do painel.

projects-title = Projetos
projects-heading = Projetos
projects-intro = Acompanhe os projetos da sua empresa com o seu prestador de serviços: em que ponto está cada um, o que vem a seguir e os documentos associados.
projects-filter-legend = Filtrar projetos
projects-filter-status = Estado
projects-filter-open = Abertos
projects-filter-closed = Fechados
projects-filter-all = Todos
projects-filter-search = Pesquisar
projects-filter-search-hint = Palavras do nome, da descrição ou do código WBS.
projects-filter-sort = Ordenar por
projects-filter-direction = Ordem
projects-filter-apply = Aplicar
projects-filter-clear = Limpar filtros
projects-sort-name = Nome
projects-sort-number = Número
projects-sort-status = Estado
projects-sort-start = Data de início
projects-sort-end = Data de fim
projects-sort-updated = Última atualização
projects-dir-asc = Ascendente
projects-dir-desc = Descendente
projects-count = { $count ->
    [0] Nenhum projeto
    [one] Um projeto
   *[other] { $count } projetos
}
projects-empty = Nenhum projeto corresponde aos critérios. Experimente outro estado ou limpe a pesquisa.
projects-col-number = Número
projects-col-name = Projeto
projects-col-status = Estado
projects-col-start = Início
projects-col-end = Fim
projects-col-progress = Progresso
projects-pages-label = Páginas
projects-page-of = Página { $page } de { $pages }
projects-page-previous = Anterior
projects-page-next = Seguinte
projects-page-first = Primeira
projects-page-last = Última
projects-closed-badge = Fechado
projects-progress = { $done } de { $total ->
    [0] { $total } tarefas concluídas
    [one] { $total } tarefa concluída
   *[other] { $total } tarefas concluídas
} ({ $percent }%)
projects-no-tasks = Ainda sem tarefas
projects-wbs = WBS { $code }
projects-back = Todos os projetos
projects-fact-status = Estado
projects-fact-start = Início
projects-fact-end = Fim
projects-fact-completion = Conclusão
projects-fact-budget = Horas orçamentadas
projects-fact-logged = Tempo registado
projects-hours = { $hours } h
projects-description = Sobre este projeto
projects-phases = Fases
projects-tasks = Tarefas
projects-view-label = Mostrar tarefas como
projects-view-kanban = Quadro
projects-view-list = Lista
projects-column-count = { $count ->
    [0] { $count } tarefas
    [one] 1 tarefa
   *[other] { $count } tarefas
}
projects-column-empty = Sem tarefas.
projects-no-phase = Sem fase
projects-task-due = Prazo
projects-task-status = Estado
projects-task-assignee = Atribuída a
projects-task-estimated = Estimativa
projects-task-actual = Tempo gasto
projects-task-priority = Prioridade
projects-task-checklist = Lista de verificação
projects-task-services = Serviços
projects-task-depends-on = Depende de
projects-task-blocks = Bloqueia
projects-task-related = Relacionada com
projects-task-documents = Documentos:
projects-overdue = Em atraso
projects-dependencies = Dependências
projects-dependencies-intro = Que tarefas aguardam por outras. A cadeia mais longa de tarefas que têm de terminar umas após as outras está destacada.
projects-documents = Documentos
projects-documents-none = Ainda não foram partilhados documentos neste projeto.
projects-document-meta = { $size }, adicionado por { $by }
projects-document-of-task = em «{ $task }»
projects-upload-label = Adicionar um documento
projects-upload-hint = Até { $count } ficheiros com, no máximo, { $megabytes } MB cada.
projects-upload-submit = Carregar
projects-uploaded = O seu documento foi adicionado. O seu prestador de serviços também o pode ver.
projects-upload-error-required = Escolha um ficheiro para carregar.
projects-upload-error-too-large = Um ficheiro tem mais de { $megabytes } MB. Nada foi carregado.
projects-upload-error-empty = Um ficheiro está vazio. Nada foi carregado.
projects-upload-error-storage-full = Neste momento não há espaço para guardar ficheiros. Nada foi carregado; tente novamente mais tarde.
projects-upload-error-too-many = { $count ->
    [one] Carregue um ficheiro de cada vez.
   *[other] Carregue no máximo { $count } ficheiros de cada vez.
}
projects-upload-error-name = Não foi possível usar o nome de um ficheiro. Mude o nome do ficheiro e tente novamente.
projects-tasks-hidden = O seu prestador de serviços não partilha as tarefas deste projeto no portal.
projects-card-heading = Projetos ativos
projects-card-active = { $count ->
    [0] Nenhum projeto aberto
    [one] Um projeto aberto
   *[other] { $count } projetos abertos
}
projects-card-next-due = Próximo prazo:
projects-card-no-due = Sem prazos de tarefas próximos.
