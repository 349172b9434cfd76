## Pages d’erreur. Ne jamais mentionner de détails internes ici : ces textes sont visibles par tous.

error-status = Erreur { $code }
error-home-link = Aller à la page d’accueil
error-bad-request-title = Requête incorrecte
error-bad-request-body = La requête n’a pas pu être comprise. Vérifiez l’adresse ou revenez en arrière et réessayez.
error-forbidden-title = Accès refusé
error-forbidden-body = Vous n’avez pas l’autorisation d’afficher cette page.
error-not-found-title = Page introuvable
error-not-found-body = La page que vous cherchez n’existe pas ou a été déplacée.
error-method-not-allowed-title = Action non autorisée
error-method-not-allowed-body = Cette page ne peut pas être utilisée de cette façon. Revenez en arrière et réessayez.
error-payload-too-large-title = Requête trop volumineuse
error-payload-too-large-body = Les données envoyées dépassent la taille acceptée par ce portail. Réessayez avec moins de données.
error-too-many-requests-title = Trop de requêtes
error-too-many-requests-body = Vous avez effectué trop de requêtes en peu de temps. Patientez un instant, puis réessayez.
error-internal-title = Un problème est survenu
error-internal-body = Une erreur inattendue s’est produite de notre côté. Veuillez réessayer plus tard.
error-unavailable-title = Momentanément indisponible
error-unavailable-body = Le portail est momentanément indisponible. Veuillez réessayer dans un instant.
