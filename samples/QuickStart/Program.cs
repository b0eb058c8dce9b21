Console.WriteLine("QuickStart: coming with issue 5");
