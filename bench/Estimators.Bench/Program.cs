Console.WriteLine("estimators bench: issue 3");
