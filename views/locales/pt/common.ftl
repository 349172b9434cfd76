## Estrutura da página: link para saltar, cabeçalho, navegação, rodapé.

common-skip-to-content = Ir para o conteúdo principal
common-nav-label = Navegação principal
common-nav-dashboard = Painel
common-nav-tickets = Tickets
common-nav-profile = Perfil
common-nav-company = Empresa
common-nav-projects = Projetos
common-nav-billing = Faturação
common-signed-in-as = Sessão iniciada como
common-sign-out = Terminar sessão
common-footer-help = Precisa de ajuda? Contacte o seu prestador de serviços.

## Datas e horas: um instante no fuso horário do leitor, com a abreviatura do fuso.

common-datetime-zone = { $datetime } { $zone }

common-display-label = Definições de apresentação
common-display-theme = Aparência
common-display-theme-auto = Automática
common-display-theme-light = Clara
common-display-theme-dark = Escura
common-display-language = Idioma
common-display-apply = Aplicar
