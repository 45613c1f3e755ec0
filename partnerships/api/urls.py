from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.register("regions", views.RegionViewSet)
router.register("sectors", views.SectorViewSet)
router.register("municipalities", views.MunicipalityViewSet)
router.register("parties", views.PartyViewSet)
router.register("memoranda", views.MemorandumViewSet)
router.register("goals", views.GoalViewSet)
router.register("activity-types", views.ActivityTypeViewSet)
router.register("partnerships", views.PartnershipViewSet)
router.register("projects", views.ProjectViewSet)
