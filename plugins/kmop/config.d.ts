export interface Config {
  kmop?: {
    /** Settings of the KMOP entity tab and cards. */
    ui?: {
      /**
       * Seconds between refreshes of an open KMOP tab or card when the app has
       * no signals plugin (`@backstage/plugin-signals`). The refresh keeps
       * expanded rows and open drawers as they are. 0 turns refreshing off. Default 10.
       * @visibility frontend
       */
      refreshIntervalSeconds?: number;
      /**
       * Seconds between refreshes when the app has the signals plugin: the page
       * then reads the view again as soon as the backend signals a change, and
       * this slow poll only covers signals lost while the connection was down.
       * 0 turns it off. Default 300.
       * @visibility frontend
       */
      signalRefreshIntervalSeconds?: number;
      /**
       * Where the empty state's "Create a service" button leads: the golden-path
       * template. Default `/create/templates/default/kmop-microservice`.
       * @visibility frontend
       */
      goldenPathUrl?: string;
    };
  };
}
