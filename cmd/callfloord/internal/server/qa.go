package server

// qaRoutes are the qa package's endpoints.
var qaRoutes []route
