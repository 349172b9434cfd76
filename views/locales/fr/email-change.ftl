## Profil → Profil : la carte « Adresse e-mail » (modifier l’adresse e-mail de connexion).

email-change-heading = Adresse e-mail
email-change-current = Adresse e-mail de connexion
email-change-intro = Vous vous connectez avec cette adresse, et c’est à elle que votre prestataire vous écrit. Pour la modifier, saisissez la nouvelle adresse et votre mot de passe actuel : nous envoyons un lien de confirmation à la nouvelle adresse et prévenons l’adresse actuelle. Rien ne change tant que vous n’avez pas ouvert ce lien.
email-change-new-email = Nouvelle adresse e-mail
email-change-current-password = Mot de passe actuel
email-change-submit = Envoyer le lien de confirmation
email-change-sso-only = Vous vous connectez via le fournisseur d’identité de votre organisation : votre adresse y est donc gérée. Demandez à votre service informatique ou à votre prestataire de la modifier.
email-change-pending = Confirmation envoyée à { $email } — consultez votre boîte de réception. Le lien ne fonctionne qu’une seule fois, jusqu’au { $when }. Votre adresse e-mail de connexion reste { $current } tant que vous ne l’avez pas ouvert.
email-change-resend = Renvoyer le lien
email-change-cancel = Annuler la modification
email-change-resent = Nous avons envoyé un nouveau lien de confirmation à { $email } ; le précédent ne fonctionne plus.
email-change-cancelled = La modification a été annulée ; le lien de confirmation ne fonctionne plus.
email-change-nothing-pending = Aucune modification n’était en attente de confirmation.
email-change-fix = Vérifiez le formulaire d’adresse e-mail ; rien n’a été enregistré ni envoyé.
email-change-error-missing = Saisissez la nouvelle adresse e-mail.
email-change-error-malformed = Saisissez une adresse e-mail du type name@example.com.
email-change-error-same = C’est déjà votre adresse e-mail de connexion.
email-change-error-taken = Un autre utilisateur de ce portail se connecte déjà avec cette adresse.
email-change-error-wrong-password = Le mot de passe est incorrect.
email-change-error-too-many = Trop de liens de confirmation ont été demandés récemment. Veuillez réessayer plus tard.
email-change-error-no-password = Votre adresse est gérée par votre fournisseur d’identité ; elle ne peut pas être modifiée ici.
email-change-error-unavailable = Ce service est momentanément indisponible. Veuillez réessayer dans un instant.

## Les pages du lien de confirmation.

email-change-confirm-title = Confirmer votre nouvelle adresse e-mail
email-change-confirm-heading = Confirmez votre nouvelle adresse e-mail
email-change-confirm-body = Cliquez sur le bouton pour utiliser désormais { $email } pour vous connecter au portail client { $tenant }. Vos autres sessions seront fermées.
email-change-confirm-submit = Confirmer ma nouvelle adresse e-mail
email-change-done-title = Adresse e-mail modifiée
email-change-done-heading = Votre adresse e-mail a été modifiée
email-change-done-body = Désormais, connectez-vous avec { $email }. Votre mot de passe et vos réglages de double authentification restent les mêmes ; vos autres sessions ont été fermées.
email-change-done-profile = Retour à mon profil
email-change-done-sign-in = Se connecter
email-change-invalid-title = Ce lien ne peut pas être utilisé
email-change-invalid-heading = Ce lien ne peut pas être utilisé
email-change-invalid-body = Le lien de confirmation a expiré, a déjà été utilisé, ou a été remplacé ou annulé. Votre adresse e-mail n’a pas changé. Vous pouvez demander un nouveau lien depuis votre profil.
email-change-taken-title = Cette adresse est déjà utilisée
email-change-taken-heading = Cette adresse ne peut pas être utilisée
email-change-taken-body = Un autre utilisateur de ce portail se connecte désormais avec { $email } : votre adresse e-mail n’a donc pas changé. Choisissez une autre adresse depuis votre profil.
email-change-to-profile = Aller à mon profil

## E-mails : le lien de confirmation (à la nouvelle adresse) et l’avis (à l’adresse actuelle).

email-change-confirm-subject = Confirmez votre nouvelle adresse e-mail pour le portail { $tenant }
email-change-confirm-intro = Quelqu’un, vous sans doute, a demandé à utiliser cette adresse ({ $new }) pour se connecter au portail client { $tenant } à la place de { $old }.
email-change-confirm-action = Confirmer ma nouvelle adresse e-mail
email-change-confirm-expiry = Le lien ne fonctionne qu’une seule fois et expire le { $when }. Tant qu’il n’a pas été utilisé, rien ne change.
email-change-confirm-ignore = Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail : l’adresse ne sera pas modifiée.
email-change-notice-subject = Une nouvelle adresse e-mail a été demandée pour votre compte du portail { $tenant }
email-change-notice-body = Le { $when }, une personne connectée à votre compte du portail client { $tenant } a demandé à remplacer l’adresse e-mail du compte, { $old }, par { $new }. Un lien de confirmation a été envoyé à la nouvelle adresse ; rien ne change tant qu’il n’est pas ouvert.
email-change-notice-ip = La demande provenait de l’adresse IP { $ip }.
email-change-notice-not-you = Si vous n’êtes pas à l’origine de cette demande, connectez-vous, annulez la modification sur votre page de profil et changez immédiatement votre mot de passe, puis prévenez { $tenant }.
email-change-notice-action = Ouvrir mon profil
