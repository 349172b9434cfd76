## Páginas de erro. Nunca mencionar detalhes internos: estes textos são mostrados a qualquer pessoa.

error-status = Erro { $code }
error-home-link = Ir para a página inicial
error-bad-request-title = Pedido inválido
error-bad-request-body = Não foi possível compreender o pedido. Verifique o endereço ou volte atrás e tente novamente.
error-forbidden-title = Acesso negado
error-forbidden-body = Não tem permissão para ver esta página.
error-not-found-title = Página não encontrada
error-not-found-body = A página que procura não existe ou foi movida.
error-method-not-allowed-title = Ação não permitida
error-method-not-allowed-body = Esta página não pode ser usada dessa forma. Volte atrás e tente novamente.
error-payload-too-large-title = Pedido demasiado grande
error-payload-too-large-body = O que enviou excede o tamanho aceite por este portal. Tente novamente com menos dados.
error-too-many-requests-title = Demasiados pedidos
error-too-many-requests-body = Fez demasiados pedidos num curto espaço de tempo. Aguarde um momento e tente novamente.
error-internal-title = Algo correu mal
error-internal-body = Ocorreu um erro inesperado do nosso lado. Tente novamente mais tarde.
error-unavailable-title = Temporariamente indisponível
error-unavailable-body = O portal está temporariamente indisponível. Tente novamente daqui a pouco.
