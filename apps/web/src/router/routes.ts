import type { RouteRecordRaw } from 'vue-router';

/**
 * Routes. Each area is its own dynamic chunk: the owner H5 (/m, Vant) never loads the console
 * (/console, Element Plus + ECharts), and the reverse.
 */
export const routes: RouteRecordRaw[] = [
  // '/' has no page of its own: the guard sends the user to the owner H5, the console or /login
  { path: '/', name: 'root', component: { render: () => null } },
  {
    path: '/login',
    name: 'login',
    component: () => import('../views/LoginView.vue'),
    meta: { public: true, titleKey: 'login.title' },
  },
  {
    path: '/m',
    component: () => import('../views/owner/OwnerLayout.vue'),
    meta: { area: 'owner' },
    children: [
      { path: '', name: 'owner-home', component: () => import('../views/owner/OwnerHomeView.vue'), meta: { titleKey: 'owner.tabs.home' } },
      { path: 'claim', name: 'owner-claim', component: () => import('../views/owner/OwnerClaimView.vue'), meta: { titleKey: 'owner.claim.title' } },
      { path: 'me', name: 'owner-me', component: () => import('../views/owner/OwnerMeView.vue'), meta: { titleKey: 'owner.me.title' } },
      {
        path: 'holders/:holderId(\\d+)',
        name: 'owner-co-owners',
        component: () => import('../views/owner/OwnerCoOwnersView.vue'),
        props: (r) => ({ holderId: Number(r.params.holderId) }),
        meta: { titleKey: 'owner.coOwners.title' },
      },
      {
        path: 'notices/:noticeId(\\d+)',
        name: 'owner-notice',
        component: () => import('../views/owner/OwnerNoticeView.vue'),
        props: (r) => ({ noticeId: Number(r.params.noticeId) }),
        meta: { titleKey: 'owner.notice.title' },
      },
      {
        path: 'meetings/:estateId(\\d+)/:meetingId(\\d+)',
        name: 'owner-meeting',
        component: () => import('../views/owner/OwnerMeetingView.vue'),
        props: (r) => ({ estateId: Number(r.params.estateId), meetingId: Number(r.params.meetingId) }),
        meta: { titleKey: 'owner.meeting.title' },
      },
      {
        path: 'meetings/:estateId(\\d+)/:meetingId(\\d+)/ballots',
        name: 'owner-meeting-ballots',
        component: () => import('../views/owner/OwnerBallotsView.vue'),
        props: (r) => ({ estateId: Number(r.params.estateId), meetingId: Number(r.params.meetingId) }),
        meta: { titleKey: 'owner.ballots.title' },
      },
      {
        path: 'verify/:estateId(\\d+)/:meetingId(\\d+)/:receipt',
        name: 'owner-verify',
        component: () => import('../views/owner/OwnerVerifyView.vue'),
        props: (r) => ({ estateId: Number(r.params.estateId), meetingId: Number(r.params.meetingId), receipt: String(r.params.receipt) }),
        meta: { titleKey: 'owner.verify.title' },
      },
      {
        path: 'checkin/:estateId(\\d+)/:meetingId(\\d+)/:token',
        name: 'owner-checkin',
        component: () => import('../views/owner/OwnerCheckinView.vue'),
        props: (r) => ({ estateId: Number(r.params.estateId), meetingId: Number(r.params.meetingId), token: String(r.params.token) }),
        meta: { titleKey: 'owner.checkin.title' },
      },
    ],
  },
  {
    // the public estate page: meetings with their notice and result documents, no login, no names
    path: '/p/estates/:estateId(\\d+)',
    name: 'public-estate',
    component: () => import('../views/PublicEstateView.vue'),
    props: (r) => ({ estateId: Number(r.params.estateId) }),
    meta: { public: true, titleKey: 'publicEstate.title' },
  },
  {
    path: '/console',
    component: () => import('../views/console/ConsoleLayout.vue'),
    meta: { area: 'console' },
    children: [
      { path: '', name: 'console-home', component: () => import('../views/console/EstateListView.vue'), meta: { titleKey: 'console.estates' } },
      { path: 'calendar', name: 'console-calendar', component: () => import('../views/console/CalendarView.vue'), meta: { titleKey: 'calendar.title' } },
      {
        path: 'jurisdictions/:jurisdictionId(\\d+)',
        name: 'console-jurisdiction',
        component: () => import('../views/console/EstateListView.vue'),
        props: (r) => ({ jurisdictionId: Number(r.params.jurisdictionId) }),
        meta: { titleKey: 'console.estates' },
      },
      {
        path: 'jurisdictions/:jurisdictionId(\\d+)/audit',
        name: 'console-jurisdiction-audit',
        component: () => import('../views/console/JurisdictionAuditView.vue'),
        props: (r) => ({ jurisdictionId: Number(r.params.jurisdictionId) }),
        meta: { titleKey: 'audit.title' },
      },
      {
        path: 'estates/:estateId(\\d+)',
        name: 'console-estate',
        component: () => import('../views/console/EstateView.vue'),
        props: (r) => ({ estateId: Number(r.params.estateId) }),
        meta: { titleKey: 'estate.pageTitle' },
      },
      {
        path: 'estates/:estateId(\\d+)/meetings/new',
        name: 'console-meeting-new',
        component: () => import('../views/console/MeetingEditView.vue'),
        props: (r) => ({ estateId: Number(r.params.estateId) }),
        meta: { titleKey: 'meetings.editor.newTitle' },
      },
      {
        path: 'estates/:estateId(\\d+)/meetings/:meetingId(\\d+)/edit',
        name: 'console-meeting-edit',
        component: () => import('../views/console/MeetingEditView.vue'),
        props: (r) => ({ estateId: Number(r.params.estateId), meetingId: Number(r.params.meetingId) }),
        meta: { titleKey: 'meetings.editor.editTitle' },
      },
      {
        path: 'estates/:estateId(\\d+)/meetings/:meetingId(\\d+)',
        name: 'console-meeting',
        component: () => import('../views/console/MeetingView.vue'),
        props: (r) => ({ estateId: Number(r.params.estateId), meetingId: Number(r.params.meetingId) }),
        meta: { titleKey: 'meetings.title' },
      },
    ],
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('../views/NotFoundView.vue'),
    meta: { public: true, titleKey: 'notFound.title' },
  },
];
