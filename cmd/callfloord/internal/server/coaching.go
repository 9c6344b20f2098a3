package server

// coachingRoutes are the coaching package's endpoints.
var coachingRoutes []route
