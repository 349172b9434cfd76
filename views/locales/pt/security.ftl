## Perfil → Segurança.

security-title = Segurança
security-intro = Gira a forma como inicia sessão e onde tem sessão iniciada.
security-two-factor-heading = Autenticação de dois fatores
security-two-factor-on = A autenticação de dois fatores está ativada desde
security-two-factor-off = A autenticação de dois fatores está desativada. Ative-a para que uma palavra-passe roubada não baste para alguém iniciar sessão em seu nome.
security-two-factor-codes-left = { $count ->
    [0] Não tem códigos de recuperação por usar.
    [one] Tem 1 código de recuperação por usar.
   *[other] Tem { $count } códigos de recuperação por usar.
}
security-two-factor-set-up = Configurar a autenticação de dois fatores
security-two-factor-disable-heading = Desativar a autenticação de dois fatores
security-two-factor-disable = Desativar a autenticação de dois fatores
security-password-heading = Alterar palavra-passe
security-current-password = Palavra-passe atual
security-new-password = Nova palavra-passe
security-confirm-password = Repetir a nova palavra-passe
security-password-rules = Entre 12 e 128 caracteres. Algumas palavras sem relação entre si formam uma palavra-passe forte; evite o seu nome e o seu e-mail.
security-sign-out-others = Terminar as minhas outras sessões
security-change-password = Alterar palavra-passe
security-sessions-heading = Onde tem sessão iniciada
security-sessions-intro = Estes dispositivos têm sessão iniciada na sua conta. Se não reconhecer algum, termine essa sessão e altere a sua palavra-passe.
security-session-device = Dispositivo
security-session-ip = Endereço IP
security-session-method = Método de início de sessão
security-session-signed-in = Sessão iniciada
security-session-last-active = Última atividade
security-session-current = Este dispositivo
security-session-revoke = Terminar sessão
security-session-unknown = Desconhecido
security-revoke-others-heading = Terminar sessão nos outros dispositivos
security-revoke-others-proof = Confirme com a sua palavra-passe ou com um código de dois fatores.
security-revoke-others = Terminar todas as outras sessões
security-password-or-code = Palavra-passe ou código de dois fatores
security-enroll-cancel = Cancelar
security-codes-back = Voltar a Segurança
security-notice-password-changed = { $count ->
    [0] A sua palavra-passe foi alterada.
    [one] A sua palavra-passe foi alterada e 1 outra sessão foi terminada.
   *[other] A sua palavra-passe foi alterada e { $count } outras sessões foram terminadas.
}
security-notice-two-factor-on = A autenticação de dois fatores está agora ativada.
security-notice-two-factor-off = A autenticação de dois fatores está agora desativada.
security-notice-session-revoked = A sessão foi terminada.
security-notice-others-revoked = { $count ->
    [0] Nenhuma outra sessão foi terminada.
    [one] 1 outra sessão foi terminada.
   *[other] { $count } outras sessões foram terminadas.
}
security-error-wrong-password = A palavra-passe não está correta.
security-error-mismatch = As duas novas palavras-passe não coincidem.
security-error-missing = Introduza a nova palavra-passe duas vezes.
security-error-too-short = A palavra-passe tem de ter pelo menos 12 caracteres.
security-error-too-long = A palavra-passe pode ter, no máximo, 128 caracteres.
security-error-contains-email = A palavra-passe não pode conter o seu endereço de e-mail.
security-error-contains-name = A palavra-passe não pode conter o seu nome.
security-error-too-weak = Esta palavra-passe é demasiado fácil de adivinhar. Experimente algumas palavras sem relação entre si.
security-error-needs-proof = Introduza a sua palavra-passe ou um código de dois fatores atual.
security-error-csrf = O formulário expirou. Tente novamente.
security-error-unavailable = Esta funcionalidade está temporariamente indisponível. Tente novamente daqui a pouco.
security-error-throttled = { $minutes ->
    [one] Demasiadas palavras-passe ou códigos errados; tente novamente dentro de { $minutes } minuto.
   *[other] Demasiadas palavras-passe ou códigos errados; tente novamente dentro de { $minutes } minutos.
}
security-method-password = Palavra-passe
security-method-password-totp = Palavra-passe e código da aplicação de autenticação
security-method-password-recovery = Palavra-passe e código de recuperação

## Métodos de início de sessão através de início de sessão único, e as identidades associadas.

security-method-oidc = Início de sessão único
security-method-oidc-totp = Início de sessão único e código da aplicação de autenticação
security-method-oidc-recovery = Início de sessão único e código de recuperação
security-identities-heading = Início de sessão único
security-identities-intro = Estas contas nos fornecedores de identidade da sua organização permitem iniciar sessão nesta conta do portal. Remover uma delas impede que seja usada para iniciar sessão aqui; se voltar a iniciar sessão com ela, fica novamente associada quando o endereço de e-mail corresponder.
security-identity-provider = Fornecedor
security-identity-email = E-mail no fornecedor
security-identity-linked = Associada em
security-identity-last-used = Última utilização
security-identity-unlink = Remover
security-notice-identity-unlinked = A identidade de início de sessão único foi removida da sua conta.
